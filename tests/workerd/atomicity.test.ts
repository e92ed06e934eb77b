/**
 * A request that fails midway (the host throws right after a put, as a trap would) is rolled back
 * whole: the Durable Object's kv table is byte-for-byte unchanged, the client gets a 500
 * InternalServerError, and the next request runs normally on a fresh engine instance.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DescribeTableCommand, GetItemCommand, PutItemCommand, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { createTable, expectError } from "../scenarios/sdk-cases.js";
import { httpClient, postOp } from "../support/clients.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

const DB = "atomic";
const TABLE = "atomic-items";
let worker: StartedWorker;
let endpoint: URL;

before(async () => {
  worker = await startWorker("harness");
  endpoint = new URL(`/${DB}`, worker.url);
});
after(() => worker.dispose());

async function digest(): Promise<{ count: number; sha256: string }> {
  const res = await fetch(new URL(`/__test/kv-digest/${DB}`, worker.url));
  return (await res.json()) as { count: number; sha256: string };
}

async function failNextPut(): Promise<void> {
  const res = await fetch(new URL(`/__test/fail-next-put/${DB}`, worker.url), { method: "POST" });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
}

test("a PutItem that fails after writing leaves storage unchanged", async () => {
  const client = httpClient(endpoint);
  await createTable(client, TABLE);
  await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: "before" } } }));
  const before = await digest();
  assert.ok(before.count > 0);

  await failNextPut();
  const failed = await postOp(endpoint, "PutItem", { TableName: TABLE, Item: { pk: { S: "during" } } });
  assert.equal(failed.status, 500);
  assert.equal(failed.body.__type, "com.amazonaws.dynamodb.v20120810#InternalServerError");
  assert.deepEqual(await digest(), before);

  const during = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: "during" } } }));
  assert.equal(during.Item, undefined);
  await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: "after" } } }));
  const got = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: "after" } } }));
  assert.deepEqual(got.Item, { pk: { S: "after" } });
  assert.notEqual((await digest()).sha256, before.sha256);
});

test("a CreateTable that fails after writing creates nothing", async () => {
  const client = httpClient(endpoint);
  const before = await digest();
  await failNextPut();
  const failed = await postOp(endpoint, "CreateTable", {
    TableName: "atomic-never",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  });
  assert.equal(failed.status, 500);
  assert.deepEqual(await digest(), before);
  await expectError(client.send(new DescribeTableCommand({ TableName: "atomic-never" })), ResourceNotFoundException);
  await createTable(client, "atomic-never");
  const described = await client.send(new DescribeTableCommand({ TableName: "atomic-never" }));
  assert.equal(described.Table?.TableStatus, "ACTIVE");
});
