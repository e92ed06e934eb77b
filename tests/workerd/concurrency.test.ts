/**
 * Concurrency through the HTTP endpoint in workerd: each request runs in one storage
 * transaction with no await between its read and its write, so 50 concurrent clients adding 1
 * to one counter end with exactly 50, and 50 racing conditional puts of one new key produce
 * exactly one winner.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ConditionalCheckFailedException, CreateTableCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { httpClient } from "../support/clients.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

const CLIENTS = 50;
let worker: StartedWorker;

before(async () => {
  worker = await startWorker("worker");
  await httpClient(new URL("/race", worker.url)).send(new CreateTableCommand({
    TableName: "race", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  }));
});
after(() => worker.dispose());

test("50 concurrent clients ADD 1 to one counter: exactly 50", async () => {
  const clients = Array.from({ length: CLIENTS }, () => httpClient(new URL("/race", worker.url)));
  await Promise.all(clients.map((c) => c.send(new UpdateItemCommand({
    TableName: "race", Key: { pk: { S: "counter" } },
    UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": { N: "1" } },
  }))));
  const got = await clients[0]!.send(new GetItemCommand({ TableName: "race", Key: { pk: { S: "counter" } }, ConsistentRead: true }));
  assert.equal(got.Item?.n?.N, String(CLIENTS));
});

test("50 racing conditional puts of one new key: exactly one winner", async () => {
  const clients = Array.from({ length: CLIENTS }, () => httpClient(new URL("/race", worker.url)));
  const results = await Promise.allSettled(clients.map((c, i) => c.send(new PutItemCommand({
    TableName: "race", Item: { pk: { S: "lock" }, owner: { N: String(i) } },
    ConditionExpression: "attribute_not_exists(pk)",
  }))));
  const winners = results.filter((r) => r.status === "fulfilled");
  const losers = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  assert.equal(winners.length, 1);
  assert.equal(losers.length, CLIENTS - 1);
  for (const l of losers) assert.ok(l.reason instanceof ConditionalCheckFailedException, String(l.reason));
  const got = await clients[0]!.send(new GetItemCommand({ TableName: "race", Key: { pk: { S: "lock" } } }));
  assert.equal(results[Number(got.Item?.owner?.N)]!.status, "fulfilled");
});
