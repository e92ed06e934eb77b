/**
 * Splits under load in workerd (docs/SCALING.md, "Splits"): a table of 2 shards under a small
 * DYNAMODB_SPLIT_BYTES splits several times while writers, readers and scanners run throughout.
 * Model checks: every acknowledged write is read back at once and is present exactly once at the
 * end; every full Scan (pages of a few items) and parallel Scan returns each item at most once and
 * every item that existed throughout it exactly once; so does a Query of a GSI; at the end the
 * table and the GSI hold exactly the model. SplitShard splits a shard on request.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { postOp } from "../support/clients.js";
import { seededRandom } from "../support/random.js";
import { type StartedWorker, startWorker } from "./miniflare.js";

type Json = Record<string, any>;

const TABLE = {
  TableName: "load",
  BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "N" },
    { AttributeName: "g", AttributeType: "S" },
  ],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  GlobalSecondaryIndexes: [{ IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } }],
};
const STABLE = 300;
const WRITERS = 4;
const KEYS_PER_WRITER = 40;
const OPS_PER_WRITER = 160;

async function own(w: StartedWorker, op: string, body: unknown): Promise<Json> {
  const res = await fetch(w.url, {
    method: "POST",
    headers: { "X-Amz-Target": `DoDynamoDB_20261207.${op}`, "Content-Type": "application/x-amz-json-1.0" },
    body: JSON.stringify(body),
  });
  const out = (await res.json()) as Json;
  assert.equal(res.status, 200, JSON.stringify(out));
  return out;
}

/** Sends op, retrying what DynamoDB's clients retry (a 500 while a split switches over). */
async function ok(w: StartedWorker, op: string, body: unknown): Promise<Json> {
  for (let attempt = 0; ; attempt++) {
    const r = await postOp(w.url, op, body);
    if (r.status === 200) return r.body;
    if (r.status !== 500 || attempt >= 5) assert.fail(`${op}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

const keyOf = (item: Json) => `${item.pk.S}#${item.sk.N}`;

/** Every item of a paged read (Scan or Query), by key; fails on an item seen twice. */
async function readAll(w: StartedWorker, op: string, request: Json): Promise<Map<string, Json>> {
  const seen = new Map<string, Json>();
  let start: Json | undefined;
  do {
    const page = await ok(w, op, { ...request, ...(start ? { ExclusiveStartKey: start } : {}) });
    for (const item of page.Items as Json[]) {
      assert.ok(!seen.has(keyOf(item)), `${op} returned ${keyOf(item)} twice`);
      seen.set(keyOf(item), item);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return seen;
}

/** Delivers the table's index outboxes (its GSIs are partitioned by their own key: eventually consistent). */
async function drained(w: StartedWorker): Promise<void> {
  const r = await fetch(new URL("/__test/drain-index-outbox/default?table=load", w.url));
  assert.deepEqual(await r.json(), { drained: true });
}

async function settled(w: StartedWorker, atLeast: number): Promise<Json> {
  let quiet = 0;
  let view: Json = {};
  for (let i = 0; i < 600 && quiet < 3; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const next = await own(w, "DescribeShards", { TableName: "load" });
    quiet = next.ShardCount >= atLeast && !next.Shards.some((s: Json) => s.Split) && next.ShardCount === view.ShardCount ? quiet + 1 : 0;
    view = next;
  }
  assert.ok(quiet >= 3, `not settled: ${JSON.stringify(view)}`);
  return view;
}

describe("splits under load", () => {
  let w: StartedWorker;
  before(async () => {
    w = await startWorker("harness", { bindings: { DYNAMODB_SHARDS: "2", DYNAMODB_SPLIT_BYTES: "120000", DYNAMODB_SPLIT_RPS: "0" } });
    await ok(w, "CreateTable", TABLE);
    for (let b = 0; b < STABLE / 25; b++)
      await ok(w, "BatchWriteItem", { RequestItems: { load: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: {
        pk: { S: `stable-${b * 25 + i}` }, sk: { N: "0" }, g: { S: "stable" }, pad: { S: "s".repeat(200) } } } })) } });
  });
  after(async () => {
    await w?.dispose();
  });

  it("every acknowledged write is read back and present once; scans and GSI queries see every item once", async (t) => {
    const model = new Map<string, Json>();
    for (let i = 0; i < STABLE; i++) model.set(`stable-${i}#0`, { pk: { S: `stable-${i}` }, sk: { N: "0" }, g: { S: "stable" } });
    let writing = true;
    const writer = async (id: number) => {
      const rnd = seededRandom(100 + id);
      for (let op = 0; op < OPS_PER_WRITER; op++) {
        const key = { pk: { S: `w${id}-${Math.floor(rnd() * KEYS_PER_WRITER)}` }, sk: { N: String(Math.floor(rnd() * 2)) } };
        const k = keyOf(key);
        const pick = rnd();
        if (pick < 0.6) {
          const item = { ...key, g: { S: `w${id}` }, n: { N: String(op) }, pad: { S: "p".repeat(1500) } };
          await ok(w, "PutItem", { TableName: "load", Item: item });
          model.set(k, item);
        } else if (pick < 0.8) {
          const r = await ok(w, "UpdateItem", { TableName: "load", Key: key, UpdateExpression: "SET n = :n", ReturnValues: "ALL_NEW",
            ExpressionAttributeValues: { ":n": { N: String(op) } } });
          model.set(k, r.Attributes);
        } else {
          await ok(w, "DeleteItem", { TableName: "load", Key: key });
          model.delete(k);
        }
        // Read your write, wherever the item is now.
        const got = await ok(w, "GetItem", { TableName: "load", Key: key, ConsistentRead: true });
        if (model.has(k)) assert.equal(got.Item?.n?.N, model.get(k)!.n?.N, `read back ${k}`);
        else assert.equal(got.Item, undefined, `read back ${k} deleted`);
      }
    };
    let scans = 0;
    const scanner = async (segments: number) => {
      while (writing) {
        const seen = new Map<string, Json>();
        for (let s = 0; s < segments; s++) {
          const part = await readAll(w, "Scan", { TableName: "load", Limit: 23, ...(segments > 1 ? { Segment: s, TotalSegments: segments } : {}) });
          for (const [k, v] of part) {
            assert.ok(!seen.has(k), `segments returned ${k} twice`);
            seen.set(k, v);
          }
        }
        for (let i = 0; i < STABLE; i++) assert.ok(seen.has(`stable-${i}#0`), `a Scan missed stable-${i}`);
        scans += 1;
      }
    };
    // The stable items' GSI entries are delivered before the load begins; GSI reads are then
    // eventually consistent only for what the writers change.
    await drained(w);
    let queries = 0;
    const querier = async () => {
      while (writing) {
        const stable = await readAll(w, "Query", { TableName: "load", IndexName: "byG", Limit: 31,
          KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": { S: "stable" } } });
        assert.equal(stable.size, STABLE);
        queries += 1;
      }
    };
    const work = Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i))).finally(() => (writing = false));
    await Promise.all([work, scanner(1), scanner(3), querier()]);
    assert.ok(scans >= 2 && queries >= 1, `${scans} scans, ${queries} queries ran during the writes`);
    const during = await own(w, "DescribeShards", { TableName: "load" });
    assert.ok(during.MapVersion >= 1, "no split finished while the writers ran");

    const view = await settled(w, 3);
    assert.ok(view.ShardCount >= 3, JSON.stringify(view));
    t.diagnostic(`${scans} full scans and ${queries} GSI queries during the writes; ${during.MapVersion} splits by the writers' end, ` +
      `${view.ShardCount} shards at rest`);
    const all = await readAll(w, "Scan", { TableName: "load" });
    assert.deepEqual([...all.keys()].sort(), [...model.keys()].sort());
    for (const [k, item] of model) if (item.n) assert.equal(all.get(k)!.n.N, item.n.N, k);
    // Items an UpdateItem created have no g: they are not in the GSI.
    await drained(w);
    const indexed = await readAll(w, "Scan", { TableName: "load", IndexName: "byG" });
    assert.deepEqual([...indexed.keys()].sort(), [...model].filter(([, item]) => item.g).map(([k]) => k).sort());
  });

  it("SplitShard splits a shard on request; DescribeShards shows the new range", async () => {
    const before = await own(w, "DescribeShards", { TableName: "load" });
    await own(w, "SplitShard", { TableName: "load", Shard: 0 });
    const view = await settled(w, before.ShardCount + 1);
    assert.equal(view.ShardCount, before.ShardCount + 1);
    assert.equal(view.MapVersion, before.MapVersion + 1);
    const bad = await fetch(w.url, { method: "POST", headers: { "X-Amz-Target": "DoDynamoDB_20261207.SplitShard", "Content-Type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ TableName: "load", Shard: 99 }) });
    assert.equal(bad.status, 400);
    assert.equal((await readAll(w, "Scan", { TableName: "load", Select: "ALL_ATTRIBUTES" })).size > STABLE, true);
  });
});
