/**
 * Time to Live in workerd: after UpdateTimeToLive, the Durable Object's alarm sweeps the table
 * and deletes items whose TTL attribute is in the past; items not yet expired stay, and the
 * alarm stays scheduled for the next sweep.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateTableCommand, DescribeTimeToLiveCommand, GetItemCommand, PutItemCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { httpClient } from "../support/clients.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

let worker: StartedWorker;
let client: DynamoDBClient;
before(async () => {
  worker = await startWorker("worker");
  client = httpClient(new URL("/ttl", worker.url));
});
after(() => worker.dispose());

test("expired items are deleted by the alarm sweep; others stay", { timeout: 60_000 }, async () => {
  await client.send(new CreateTableCommand({
    TableName: "sessions", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  }));
  const now = Math.floor(Date.now() / 1000);
  await client.send(new PutItemCommand({ TableName: "sessions", Item: { pk: { S: "old" }, expiresAt: { N: String(now - 60) } } }));
  await client.send(new PutItemCommand({ TableName: "sessions", Item: { pk: { S: "new" }, expiresAt: { N: String(now + 3600) } } }));
  await client.send(new PutItemCommand({ TableName: "sessions", Item: { pk: { S: "none" } } }));
  await client.send(new UpdateTimeToLiveCommand({ TableName: "sessions", TimeToLiveSpecification: { Enabled: true, AttributeName: "expiresAt" } }));
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: "sessions" }));
  assert.equal(ttl.TimeToLiveDescription?.TimeToLiveStatus, "ENABLED");
  const get = async (pk: string) => (await client.send(new GetItemCommand({ TableName: "sessions", Key: { pk: { S: pk } } }))).Item;
  const deadline = Date.now() + 30_000;
  while ((await get("old")) !== undefined) {
    assert.ok(Date.now() < deadline, "the expired item was not swept");
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(await get("new"));
  assert.ok(await get("none"));
});
