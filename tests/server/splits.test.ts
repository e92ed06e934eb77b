/**
 * Splits in the local server as the issue states the bar (docs/SCALING.md, "Splits"):
 * `DYNAMODB_SHARDS=2 DYNAMODB_SPLIT_BYTES=1000000 npm start`, 8,000 items of 1 KB written through the
 * AWS SDK: the table ends with at least 8 shards on its own, a Scan counts 8,000 and the GSI 8,000;
 * and a table in the database's own object, which moves out on its first split.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, QueryCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBServer } from "../../js/server/http-server.js";
import { splitSettingsFromEnv } from "../../js/do/shard-split.js";
import { RawDynamoDBClient } from "../../bench/raw-client.js";

const TABLE = {
  TableName: "Events", BillingMode: "PAY_PER_REQUEST" as const,
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" as const }, { AttributeName: "g", AttributeType: "S" as const }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" as const }],
  GlobalSecondaryIndexes: [{ IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" as const }], Projection: { ProjectionType: "KEYS_ONLY" as const } }],
};

interface Shards { ShardCount: number; Shards: { Object: string; Buckets: [number, number]; Split?: unknown }[] }

async function describeShards(raw: RawDynamoDBClient, table: string): Promise<Shards> {
  const r = await raw.send("DescribeShards", JSON.stringify({ TableName: table }), "DoDynamoDB_20261207");
  assert.equal(r.status, 200, r.body);
  return JSON.parse(r.body) as Shards;
}

/** Waits until no shard of the table is splitting and none wants to; the last view. */
async function settled(raw: RawDynamoDBClient, table: string, atLeast: number, timeoutMs = 120_000): Promise<Shards> {
  const until = Date.now() + timeoutMs;
  let view = await describeShards(raw, table);
  for (let quiet = 0; quiet < 3; ) {
    if (Date.now() > until) assert.fail(`not settled: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 200));
    const next = await describeShards(raw, table);
    const busy = next.Shards.some((s) => s.Split) || next.ShardCount < atLeast;
    quiet = !busy && next.ShardCount === view.ShardCount ? quiet + 1 : 0;
    view = next;
  }
  return view;
}

async function count(client: DynamoDBClient, input: { TableName: string; IndexName?: string }): Promise<number> {
  let n = 0;
  let start: Record<string, any> | undefined;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
    n += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return n;
}

describe("splits in the local server", () => {
  let server: DynamoDBServer;
  let client: DynamoDBClient;
  let raw: RawDynamoDBClient;

  before(async () => {
    server = new DynamoDBServer({ dataDir: null, shards: 2,
      split: splitSettingsFromEnv({ DYNAMODB_SPLIT_BYTES: "1000000", DYNAMODB_SPLIT_RPS: "0" }) });
    const { port } = await server.listen(0, "127.0.0.1");
    const endpoint = `http://127.0.0.1:${port}`;
    client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    raw = new RawDynamoDBClient(endpoint);
  });
  after(async () => {
    client.destroy();
    raw.close();
    await server.close();
  });

  it("8,000 items of 1 KB over 2 shards under a 1 MB threshold: at least 8 shards, every item once in the table and the GSI", async () => {
    await client.send(new CreateTableCommand(TABLE));
    const pad = "x".repeat(1000);
    const writes: any[][] = [];
    for (let b = 0; b < 320; b++) {
      const items = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: {
        pk: { S: `item-${b * 25 + i}` }, g: { S: `g${(b * 25 + i) % 7}` }, pad: { S: pad } } } }));
      writes.push(items);
    }
    // Four writers at once; unprocessed entries (a split switching over) are sent again, as SDK users do.
    await Promise.all([0, 1, 2, 3].map(async (w) => {
      for (let b = w; b < writes.length; b += 4) {
        let items: any = { Events: writes[b] };
        for (let tries = 0; Object.keys(items).length > 0; tries++) {
          assert.ok(tries < 50, "unprocessed items never went through");
          items = (await client.send(new BatchWriteItemCommand({ RequestItems: items }))).UnprocessedItems ?? {};
        }
      }
    }));
    const view = await settled(raw, "Events", 8);
    assert.ok(view.ShardCount >= 8, `${view.ShardCount} shards`);
    // The ranges cover the bucket space exactly once.
    const ranges = view.Shards.map((s) => s.Buckets).sort((a, b) => a[0] - b[0]);
    assert.equal(ranges[0]![0], 0);
    for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i]![0], ranges[i - 1]![1]);
    assert.equal(ranges.at(-1)![1], 65536);
    assert.equal(await count(client, { TableName: "Events" }), 8000);
    // The GSI is partitioned by its own key: eventually consistent, as DynamoDB's.
    let indexed = 0;
    for (let i = 0; i < 100 && indexed !== 8000; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      indexed = await count(client, { TableName: "Events", IndexName: "byG" });
    }
    assert.equal(indexed, 8000);
    const g3 = await client.send(new QueryCommand({ TableName: "Events", IndexName: "byG", KeyConditionExpression: "g = :g",
      ExpressionAttributeValues: { ":g": { S: "g3" } }, Select: "COUNT" }));
    assert.equal(g3.Count, 8000 / 7 | 0 + (8000 % 7 > 3 ? 1 : 0));
  });

  it("a table in the database's own object moves out whole on its first split, then splits on", async () => {
    await client.send(new CreateTableCommand({ ...TABLE, TableName: "Home", Tags: [{ Key: "do-dynamodb:shards", Value: "1" }] }));
    assert.equal((await describeShards(raw, "Home")).Shards[0]!.Object, "default");
    const pad = "y".repeat(1000);
    for (let b = 0; b < 120; b++) {
      let items: any = { Home: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `h-${b * 25 + i}` }, g: { S: "a" }, pad: { S: pad } } } })) };
      while (Object.keys(items).length > 0) items = (await client.send(new BatchWriteItemCommand({ RequestItems: items }))).UnprocessedItems ?? {};
    }
    const view = await settled(raw, "Home", 2);
    assert.ok(view.Shards.every((s) => s.Object !== "default"), JSON.stringify(view));
    assert.equal(await count(client, { TableName: "Home" }), 3000);
    assert.equal(await count(client, { TableName: "Home", IndexName: "byG" }), 3000);
  });
});
