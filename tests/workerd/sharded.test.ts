/**
 * Tables spread over several Durable Objects (js/shard/, docs/SCALING.md), through the Worker's
 * HTTP door in workerd: the same seeded sequences of requests against a Worker whose tables have
 * 4 shards (DYNAMODB_SHARDS=4) and one whose tables have one give the same answers (Scan pages
 * compared as sets: their order is the shards'), and the items really are on the shards. GSIs of
 * a spread table are partitioned by their own key and fed by the shards' outboxes (eventually
 * consistent, as DynamoDB's): a GSI Query is compared once the outboxes are delivered.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { postOp } from "../support/clients.js";
import { seededRandom } from "../support/random.js";
import { type StartedWorker, startWorker } from "./miniflare.js";

type Json = Record<string, any>;

const TABLE = {
  TableName: "orders",
  BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "N" },
    { AttributeName: "byTotal", AttributeType: "N" },
    { AttributeName: "grp", AttributeType: "S" },
  ],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  LocalSecondaryIndexes: [
    {
      IndexName: "total",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "byTotal", KeyType: "RANGE" }],
      Projection: { ProjectionType: "ALL" },
    },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: "byGroup",
      KeySchema: [{ AttributeName: "grp", KeyType: "HASH" }, { AttributeName: "byTotal", KeyType: "RANGE" }],
      Projection: { ProjectionType: "ALL" },
    },
  ],
};

/** One seeded request of the mix: writes with conditions and ReturnValues, reads, queries, batches, transactions. */
function randomRequest(rnd: () => number): [string, Json] {
  const pk = { S: `customer-${Math.floor(rnd() * 40)}` };
  const sk = { N: String(Math.floor(rnd() * 8)) };
  const total = { N: String(Math.floor(rnd() * 1000) / 10) };
  const pick = rnd();
  if (pick < 0.3)
    return ["PutItem", { TableName: "orders", Item: { pk, sk, byTotal: total, grp: { S: `g${Math.floor(rnd() * 3)}` },
      note: { S: "x".repeat(Math.floor(rnd() * 50)) } },
      ReturnValues: "ALL_OLD", ...(rnd() < 0.3 ? { ConditionExpression: "attribute_not_exists(pk)" } : {}) }];
  if (pick < 0.45)
    return ["UpdateItem", { TableName: "orders", Key: { pk, sk }, UpdateExpression: "ADD visits :one SET byTotal = :t",
      ExpressionAttributeValues: { ":one": { N: "1" }, ":t": total }, ReturnValues: "ALL_NEW" }];
  if (pick < 0.55) return ["DeleteItem", { TableName: "orders", Key: { pk, sk }, ReturnValues: "ALL_OLD" }];
  if (pick < 0.7) return ["GetItem", { TableName: "orders", Key: { pk, sk }, ConsistentRead: true }];
  if (pick < 0.8)
    return ["Query", { TableName: "orders", KeyConditionExpression: "pk = :p AND sk >= :s", Limit: 3,
      ScanIndexForward: rnd() < 0.5, ExpressionAttributeValues: { ":p": pk, ":s": { N: "2" } } }];
  if (pick < 0.85)
    return ["Query", { TableName: "orders", IndexName: "total", KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": pk } }];
  if (pick < 0.88)
    return ["Query", { TableName: "orders", IndexName: "byGroup", KeyConditionExpression: "grp = :g AND byTotal > :t",
      Limit: 1 + Math.floor(rnd() * 6), ScanIndexForward: rnd() < 0.5,
      ...(rnd() < 0.5 ? { FilterExpression: "attribute_exists(visits)" } : {}),
      ...(rnd() < 0.3 ? { Select: "COUNT" } : {}),
      ExpressionAttributeValues: { ":g": { S: `g${Math.floor(rnd() * 3)}` }, ":t": { N: String(Math.floor(rnd() * 50)) } } }];
  if (pick < 0.93) {
    const keys = new Map<string, Json>();
    for (let i = 0; i < 5; i++) {
      const k = { pk: { S: `customer-${Math.floor(rnd() * 40)}` }, sk: { N: String(Math.floor(rnd() * 8)) } };
      keys.set(JSON.stringify(k), k);
    }
    return ["BatchGetItem", { RequestItems: { orders: { Keys: [...keys.values()] } } }];
  }
  const randomKey = () => ({ pk: { S: `customer-${Math.floor(rnd() * 40)}` }, sk: { N: String(Math.floor(rnd() * 8)) } });
  if (pick < 0.955) {
    // A transaction over random partitions (so, on 4 shards, mostly several objects).
    const actions = Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => {
      const k = randomKey(), kind = rnd();
      if (kind < 0.35)
        return { Put: { TableName: "orders", Item: { ...k, byTotal: total, grp: { S: "g1" } },
          ...(rnd() < 0.3 ? { ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" } : {}) } };
      if (kind < 0.65)
        return { Update: { TableName: "orders", Key: k, UpdateExpression: "ADD visits :one",
          ExpressionAttributeValues: { ":one": { N: "1" }, ...(rnd() < 0.3 ? { ":m": { N: "3" } } : {}) },
          ...(rnd() < 0.3 ? { ConditionExpression: "attribute_not_exists(visits) OR visits < :m" } : {}) } };
      if (kind < 0.8) return { Delete: { TableName: "orders", Key: k } };
      return { ConditionCheck: { TableName: "orders", Key: k, ConditionExpression: "attribute_exists(pk)" } };
    });
    return ["TransactWriteItems", { TransactItems: actions, ...(rnd() < 0.3 ? { ReturnConsumedCapacity: "INDEXES" } : {}) }];
  }
  if (pick < 0.97)
    return ["TransactGetItems", { TransactItems: Array.from({ length: 1 + Math.floor(rnd() * 5) }, () =>
      ({ Get: { TableName: "orders", Key: randomKey() } })) }];
  const puts = new Map<string, Json>();
  for (let i = 0; i < 6; i++) {
    const item = { pk: { S: `customer-${Math.floor(rnd() * 40)}` }, sk: { N: String(Math.floor(rnd() * 8)) }, byTotal: total };
    puts.set(JSON.stringify([item.pk, item.sk]), { PutRequest: { Item: item } });
  }
  return ["BatchWriteItem", { RequestItems: { orders: [...puts.values()] } }];
}

/** Delivers the outboxes of every shard of `table` (the harness's route), so GSIs are current. */
async function drained(url: URL, table = "orders"): Promise<void> {
  for (let i = 0; ; i++) {
    const r = await fetch(new URL(`/__test/drain-index-outbox/default?table=${table}`, url));
    if (((await r.json()) as { drained: boolean }).drained) return;
    assert.ok(i < 100, "the index outboxes drain");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A BatchGetItem answer in an order-free form (DynamoDB does not order Responses). */
function canonical(op: string, body: Json): unknown {
  if (op === "BatchGetItem" && body.Responses)
    return { ...body, Responses: Object.fromEntries(Object.entries(body.Responses).map(([t, items]) =>
      [t, (items as unknown[]).map((i) => JSON.stringify(i)).sort()])) };
  return body;
}

/** Every item, through Scan pages of `limit` (and Segment/TotalSegments when given), as sorted JSON. */
async function scanAll(url: URL, limit: number, segments?: number): Promise<string[]> {
  const seen: string[] = [];
  for (let segment = 0; segment < (segments ?? 1); segment++) {
    let start: Json | undefined;
    do {
      const r = await postOp(url, "Scan", { TableName: "orders", Limit: limit, ExclusiveStartKey: start,
        ...(segments ? { Segment: segment, TotalSegments: segments } : {}) });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok((r.body.Items as unknown[]).length <= limit);
      seen.push(...(r.body.Items as unknown[]).map((i) => JSON.stringify(i)));
      start = r.body.LastEvaluatedKey as Json | undefined;
    } while (start);
  }
  return seen.sort();
}

describe("tables over 4 Durable Objects answer as tables in one", () => {
  let sharded: StartedWorker;
  let single: StartedWorker;
  before(async () => {
    [sharded, single] = await Promise.all([
      startWorker("harness", { bindings: { DYNAMODB_SHARDS: "4" } }),
      startWorker("harness"),
    ]);
    for (const w of [sharded, single]) assert.equal((await postOp(w.url, "CreateTable", TABLE)).status, 200);
  });
  after(async () => {
    await Promise.all([sharded?.dispose(), single?.dispose()]);
  });

  it("the table carries its shard count as a tag, and DescribeTable answers as one table", async () => {
    const tags = await postOp(sharded.url, "ListTagsOfResource", { ResourceArn: "arn:aws:dynamodb:ddblocal:000000000000:table/orders" });
    assert.deepEqual(tags.body.Tags, [{ Key: "do-dynamodb:shards", Value: "4" }]);
    const d = (await postOp(sharded.url, "DescribeTable", { TableName: "orders" })).body.Table as Json;
    assert.equal(d.TableName, "orders");
    assert.equal(d.LocalSecondaryIndexes[0].IndexName, "total");
    const changed = await postOp(sharded.url, "TagResource", { ResourceArn: "arn:aws:dynamodb:ddblocal:000000000000:table/orders",
      Tags: [{ Key: "do-dynamodb:shards", Value: "8" }] });
    assert.equal(changed.status, 400);
    assert.match(changed.body.message as string, /cannot change/);
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 300 mixed requests give the same answers`, async () => {
      const rnd = seededRandom(seed);
      for (let i = 0; i < 300; i++) {
        const [op, body] = randomRequest(rnd);
        if (op === "Query" && body.IndexName === "byGroup") await drained(sharded.url);
        // A Query is followed through all its pages: each page must be the same.
        for (let page = 0, next: Json = body; page < 50; page++) {
          const [a, b] = await Promise.all([postOp(sharded.url, op, next), postOp(single.url, op, next)]);
          assert.equal(a.status, b.status, `request ${i}: ${op} ${JSON.stringify(next)}: ${JSON.stringify(a.body)}`);
          assert.deepEqual(canonical(op, a.body), canonical(op, b.body), `request ${i}: ${op} ${JSON.stringify(next)}`);
          if (op !== "Query" || !b.body.LastEvaluatedKey) break;
          next = { ...body, ExclusiveStartKey: b.body.LastEvaluatedKey };
        }
      }
      const everything = await scanAll(single.url, 1000);
      for (const limit of [1, 7, 1000]) assert.deepEqual(await scanAll(sharded.url, limit), everything, `Limit ${limit}`);
      for (const segments of [1, 3, 16]) assert.deepEqual(await scanAll(sharded.url, 5, segments), everything, `${segments} segments`);
      const counts = await Promise.all([sharded, single].map((w) => postOp(w.url, "Scan", { TableName: "orders", Select: "COUNT" })));
      assert.equal(counts[0]!.body.Count, counts[1]!.body.Count);
    });
  }

  it("a GSI added by UpdateTable is backfilled on every shard; DescribeTable says ACTIVE once all are", async () => {
    const add = { TableName: "orders", AttributeDefinitions: [{ AttributeName: "byTotal", AttributeType: "N" },
      { AttributeName: "pk", AttributeType: "S" }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: "byAmount", KeySchema: [{ AttributeName: "byTotal", KeyType: "HASH" },
        { AttributeName: "pk", KeyType: "RANGE" }], Projection: { ProjectionType: "KEYS_ONLY" } } }] };
    for (const w of [sharded, single]) assert.equal((await postOp(w.url, "UpdateTable", add)).status, 200);
    for (const w of [sharded, single]) {
      for (let i = 0; ; i++) {
        const d = (await postOp(w.url, "DescribeTable", { TableName: "orders" })).body.Table as Json;
        if (d.GlobalSecondaryIndexes.find((g: Json) => g.IndexName === "byAmount").IndexStatus === "ACTIVE") break;
        assert.ok(i < 200, "the backfill ends");
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await drained(sharded.url);
    const everything = await scanAll(single.url, 1000);
    const totals = [...new Set(everything.map((i) => (JSON.parse(i) as Json).byTotal?.N).filter(Boolean))].slice(0, 10);
    for (const total of totals) {
      const q = { TableName: "orders", IndexName: "byAmount", KeyConditionExpression: "byTotal = :t", ExpressionAttributeValues: { ":t": { N: total } } };
      const [a, b] = await Promise.all([postOp(sharded.url, "Query", q), postOp(single.url, "Query", q)]);
      assert.deepEqual(a.body, b.body);
    }
  });

  it("a router holding the map of a table deleted and created again finds the new table", async () => {
    const at = (shards: number) => new URL(`/__test/sharded/life?shards=${shards}`, sharded.url);
    const life = { TableName: "life", BillingMode: "PAY_PER_REQUEST", KeySchema: TABLE.KeySchema,
      AttributeDefinitions: TABLE.AttributeDefinitions.slice(0, 2) };
    const key = (s: string) => ({ pk: { S: s }, sk: { N: "1" } });
    assert.equal((await postOp(at(4), "CreateTable", life)).status, 200);
    assert.equal((await postOp(at(4), "PutItem", { TableName: "life", Item: key("a") })).status, 200);
    // A second router (its own cache) learns the 4-shard map.
    assert.deepEqual((await postOp(at(2), "GetItem", { TableName: "life", Key: key("a") })).body, { Item: key("a") });
    assert.equal((await postOp(at(4), "DeleteTable", { TableName: "life" })).status, 200);
    assert.equal((await postOp(at(4), "CreateTable", { ...life, Tags: [{ Key: "do-dynamodb:shards", Value: "2" }] })).status, 200);
    // Its map is stale: the objects it names answer ResourceNotFoundException, it refreshes, retries.
    assert.equal((await postOp(at(2), "PutItem", { TableName: "life", Item: key("b") })).status, 200);
    assert.deepEqual((await postOp(at(4), "GetItem", { TableName: "life", Key: key("b") })).body, { Item: key("b") });
    assert.deepEqual((await postOp(at(2), "GetItem", { TableName: "life", Key: key("a") })).body, {});
    const shards = await fetch(at(4), { method: "POST", body: JSON.stringify({ TableName: "life" }),
      headers: { "X-Amz-Target": "DoDynamoDB_20261207.DescribeShards", "Content-Type": "application/x-amz-json-1.0" } });
    assert.equal(((await shards.json()) as Json).ShardCount, 2);
  });

  it("DescribeShards shows each shard's object and the requests it served", async () => {
    const describe = async (w: StartedWorker) => {
      const res = await fetch(w.url, { method: "POST", body: JSON.stringify({ TableName: "orders" }),
        headers: { "X-Amz-Target": "DoDynamoDB_20261207.DescribeShards", "Content-Type": "application/x-amz-json-1.0" } });
      assert.equal(res.status, 200);
      return (await res.json()) as { ShardCount: number; Shards: { Shard: number; Object: string; Requests: number }[] };
    };
    const spread = await describe(sharded);
    assert.equal(spread.ShardCount, 4);
    assert.deepEqual(spread.Shards.map((s) => s.Shard), [0, 1, 2, 3]);
    assert.match(spread.Shards[3]!.Object, /^default\/[0-9a-f-]{36}\/3$/);
    // Every shard has served part of the seeded requests: the keys spread.
    for (const s of spread.Shards) assert.ok(s.Requests > 10, JSON.stringify(spread));
    const one = await describe(single);
    assert.deepEqual(one.Shards.map((s) => s.Object), ["default"]);
  });

  it("the database's own object keeps no items of a spread table and refuses them to direct callers", async () => {
    const r = await fetch(new URL("/__test/rpc/default?op=GetItem", sharded.url), {
      method: "POST",
      body: JSON.stringify({ TableName: "orders", Key: { pk: { S: "customer-1" }, sk: { N: "1" } } }),
    });
    const text = await r.text();
    assert.match(text, /spread over 4 Durable Objects/);
  });

  it("a stream has one stream shard per table shard: every change once, each item's in order", async () => {
    const streams = async (url: URL, op: string, body: Json) => {
      const res = await fetch(url, { method: "POST", body: JSON.stringify(body),
        headers: { "X-Amz-Target": `DynamoDBStreams_20120810.${op}`, "Content-Type": "application/x-amz-json-1.0" } });
      const json = (await res.json()) as Json;
      assert.equal(res.status, 200, JSON.stringify(json));
      return json;
    };
    const changes = new Map<string, string[]>();
    for (const w of [sharded, single]) {
      const created = await postOp(w.url, "CreateTable", { TableName: "streamed", BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const rnd = seededRandom(7);
      for (let i = 0; i < 120; i++) {
        const pk = { S: `k${Math.floor(rnd() * 20)}` };
        const r = rnd() < 0.7
          ? await postOp(w.url, "PutItem", { TableName: "streamed", Item: { pk, n: { N: String(i) } } })
          : await postOp(w.url, "DeleteItem", { TableName: "streamed", Key: { pk } });
        assert.equal(r.status, 200);
      }
      const arn = ((await postOp(w.url, "DescribeTable", { TableName: "streamed" })).body.Table as Json).LatestStreamArn as string;
      const description = (await streams(w.url, "DescribeStream", { StreamArn: arn })).StreamDescription as Json;
      if (w === sharded) assert.equal(description.Shards.length, 4);
      const seen: string[] = [];
      for (const shard of description.Shards as Json[]) {
        let iterator = (await streams(w.url, "GetShardIterator", { StreamArn: arn, ShardId: shard.ShardId,
          ShardIteratorType: "TRIM_HORIZON" })).ShardIterator as string | undefined;
        for (let page = 0; iterator && page < 20; page++) {
          const got = await streams(w.url, "GetRecords", { ShardIterator: iterator });
          for (const rec of got.Records as Json[])
            seen.push(`${rec.dynamodb.Keys.pk.S}:${rec.eventName}:${JSON.stringify(rec.dynamodb.NewImage ?? null)}`);
          iterator = (got.Records as Json[]).length > 0 ? got.NextShardIterator as string | undefined : undefined;
        }
      }
      // Per item, in order (records of one item are on one stream shard); items in key order.
      const byItem = new Map<string, string[]>();
      for (const r of seen) byItem.set(r.split(":")[0]!, [...(byItem.get(r.split(":")[0]!) ?? []), r]);
      changes.set(w === sharded ? "sharded" : "single", [...byItem.keys()].sort().flatMap((k) => byItem.get(k)!));
    }
    assert.ok(changes.get("single")!.length > 50);
    assert.deepEqual(changes.get("sharded"), changes.get("single"));
  });

  it("point-in-time restore of a database asks every object; Miniflare refuses, and nothing changes", async () => {
    const count = async () => (await postOp(sharded.url, "Scan", { TableName: "orders", Select: "COUNT" })).body.Count;
    const before = await count();
    const res = await fetch(new URL(`/__test/restore-sharded/default?time=${Date.now() - 60_000}`, sharded.url));
    const outcome = (await res.json()) as { restored: boolean; message?: string };
    assert.equal(outcome.restored, false);
    assert.match(outcome.message ?? "", /does not implement point-in-time recovery/);
    assert.equal(await count(), before);
  });

  it("a transaction on one partition runs, all or nothing, on its shard", async () => {
    const key = { pk: { S: "customer-7" } };
    const ok = await postOp(sharded.url, "TransactWriteItems", { TransactItems: [
      { Put: { TableName: "orders", Item: { ...key, sk: { N: "100" }, byTotal: { N: "1" } } } },
      { Put: { TableName: "orders", Item: { ...key, sk: { N: "101" }, byTotal: { N: "2" } } } },
    ] });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const q = await postOp(sharded.url, "Query", { TableName: "orders", KeyConditionExpression: "pk = :p AND sk >= :s",
      ExpressionAttributeValues: { ":p": key.pk, ":s": { N: "100" } } });
    assert.equal(q.body.Count, 2);
  });
});

describe("do-dynamodb/do's DynamoDBClient with { shard: { count, key } }", () => {
  it("creates spread tables, reaches them, and refuses what cannot be", async () => {
    const w = await startWorker("harness");
    try {
      const r = (await (await fetch(new URL("/__test/do-client/clientdb", w.url))).json()) as Json;
      assert.deepEqual(r.got, { pk: { S: "n7" } });
      assert.equal(r.shardCount, 3);
      assert.match(r.wrongKey, /^ValidationException: The client's shard.key is pk, but the partition key of other is id/);
      assert.match(r.zeroShards, /shard.count must be a whole number from 1 to 1024: 0/);
      assert.match(r.badKey, /shard.key must name the tables' partition key/);
      assert.match(r.plainClient, /the shard option is DynamoDBClient's from do-dynamodb\/do/);
    } finally {
      await w.dispose();
    }
  });
});

describe("placement: DYNAMODB_JURISDICTION and DYNAMODB_LOCATION_HINT", () => {
  it("with a location hint, a database and its shards serve as before", async () => {
    const w = await startWorker("harness", { bindings: { DYNAMODB_SHARDS: "2", DYNAMODB_LOCATION_HINT: "weur" } });
    try {
      assert.equal((await postOp(w.url, "CreateTable", { ...TABLE, LocalSecondaryIndexes: undefined, GlobalSecondaryIndexes: undefined,
        AttributeDefinitions: TABLE.AttributeDefinitions.slice(0, 2) })).status, 200);
      const item = { pk: { S: "a" }, sk: { N: "1" } };
      assert.equal((await postOp(w.url, "PutItem", { TableName: "orders", Item: item })).status, 200);
      assert.deepEqual((await postOp(w.url, "GetItem", { TableName: "orders", Key: item })).body, { Item: item });
    } finally {
      await w.dispose();
    }
  });

  it("a jurisdiction is never ignored: refused if not Cloudflare's, and by workerd, which does not implement them", async () => {
    for (const [jurisdiction, message] of [["mars", /DYNAMODB_JURISDICTION must be one of eu, fedramp, fedramp-high/],
                                          ["eu", /Jurisdiction restrictions are not implemented in workerd/]] as const) {
      const w = await startWorker("harness", { bindings: { DYNAMODB_JURISDICTION: jurisdiction } });
      try {
        const r = await fetch(w.url, { method: "POST", headers: { "X-Amz-Target": "DynamoDB_20120810.ListTables" }, body: "{}" });
        assert.equal(r.status, 500);
        assert.match(await r.text(), message);
      } finally {
        await w.dispose();
      }
    }
  });
});
