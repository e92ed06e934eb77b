/**
 * Online index creation in workerd (Miniflare): a table of 50,000 items gets a new GSI through
 * UpdateTable; the Durable Object's alarm backfills it in bounded steps (the index is CREATING
 * meanwhile and writes during the backfill are indexed), then it is ACTIVE and Query on it
 * returns exactly the right items. Then the index is deleted the same way.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateTableCommand, DescribeTableCommand, PutItemCommand, QueryCommand, UpdateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { httpClient } from "../support/clients.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

const ITEMS = 50_000;
const GROUPS = 10;
let worker: StartedWorker;
let client: DynamoDBClient;

before(async () => {
  worker = await startWorker("harness");
  client = httpClient(new URL("/backfill", worker.url));
});
after(() => worker.dispose());

async function indexStatus(): Promise<string | undefined> {
  const d = await client.send(new DescribeTableCommand({ TableName: "events" }));
  return d.Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === "byGroup")?.IndexStatus;
}

async function countGroup(group: string): Promise<number> {
  let count = 0;
  let start: Record<string, any> | undefined;
  do {
    const r = await client.send(new QueryCommand({
      TableName: "events", IndexName: "byGroup", KeyConditionExpression: "g = :g",
      ExpressionAttributeValues: { ":g": { S: group } }, Select: "COUNT", ExclusiveStartKey: start,
    }));
    count += r.Count ?? 0;
    start = r.LastEvaluatedKey;
  } while (start);
  return count;
}

test("a GSI added to 50,000 items is backfilled by the alarm and then answers exactly", { timeout: 600_000 }, async () => {
  await client.send(new CreateTableCommand({
    TableName: "events", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  }));
  for (let done = 0; done < ITEMS; done += 10_000) {
    const res = await fetch(new URL(`/__test/bulk-put/backfill?table=events&n=10000&groups=${GROUPS}&prefix=k${done}-`, worker.url));
    assert.deepEqual(await res.json(), { ok: 10_000 });
  }
  const update = await client.send(new UpdateTableCommand({
    TableName: "events",
    AttributeDefinitions: [{ AttributeName: "g", AttributeType: "S" }],
    GlobalSecondaryIndexUpdates: [{ Create: { IndexName: "byGroup", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } } }],
  }));
  assert.equal(update.TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexStatus, "CREATING");
  // Writes while the backfill runs: a new item in g0, and one item moved from g1 to g0.
  await client.send(new PutItemCommand({ TableName: "events", Item: { pk: { S: "late" }, g: { S: "g0" } } }));
  await client.send(new PutItemCommand({ TableName: "events", Item: { pk: { S: "k0-1" }, g: { S: "g0" } } }));
  let polls = 0;
  let status = await indexStatus();
  while (status !== "ACTIVE") {
    assert.equal(status, "CREATING");
    polls++;
    await new Promise((r) => setTimeout(r, 100));
    status = await indexStatus();
  }
  assert.ok(polls > 0, "the backfill took more than one alarm");
  const perGroup = ITEMS / GROUPS;
  assert.equal(await countGroup("g0"), perGroup + 2);
  assert.equal(await countGroup("g1"), perGroup - 1);
  assert.equal(await countGroup("g9"), perGroup);
  assert.equal(await countGroup("g10"), 0);

  await client.send(new UpdateTableCommand({ TableName: "events", GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: "byGroup" } }] }));
  while ((await indexStatus()) !== undefined) await new Promise((r) => setTimeout(r, 100));
  const digest = (await (await fetch(new URL("/__test/kv-digest/backfill", worker.url))).json()) as { count: number };
  // Only the catalog, the id counter and the items remain (no index entries).
  assert.equal(digest.count, ITEMS + 1 + 2);
});
