/**
 * Global secondary indexes partitioned by their own key (js/shard/index-shards.ts,
 * js/do/index-outbox.ts, wasm/src/storage/index_outbox.h; docs/SCALING.md), through the Worker's
 * HTTP door in workerd, on tables spread over 4 shards: every GSI answer converges to what a
 * model of the table gives (the objects deliver their outboxes on their own: no draining here),
 * also while deliveries fail, are duplicated and are delayed (faults injected into every object's
 * deliveries through the harness's route); a GSI Scan returns every entry once for any page size
 * and segments; an index created online is backfilled through the outboxes (CREATING, then
 * ACTIVE), and one deleted and created again under its name converges to the new one.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { postOp } from "../support/clients.js";
import { seededRandom } from "../support/random.js";
import { type StartedWorker, startWorker } from "./miniflare.js";

type Json = Record<string, any>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const TABLE = {
  TableName: "things",
  BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "g", AttributeType: "S" },
    { AttributeName: "n", AttributeType: "N" },
    { AttributeName: "a", AttributeType: "S" },
    { AttributeName: "b", AttributeType: "N" },
  ],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  GlobalSecondaryIndexes: [
    { IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }, { AttributeName: "n", KeyType: "RANGE" }],
      Projection: { ProjectionType: "ALL" } },
    // A multi-attribute partition key: its index shard is the hash of both values.
    { IndexName: "byAB", KeySchema: [{ AttributeName: "a", KeyType: "HASH" }, { AttributeName: "b", KeyType: "HASH" }],
      Projection: { ProjectionType: "KEYS_ONLY" } },
  ],
};
const GROUPS = ["g0", "g1", "g2", "g3", "g4"];

/** The table as the test wrote it: pk -> item. */
type Model = Map<string, Json>;

function randomItem(rnd: () => number, pk: string): Json {
  const item: Json = { pk: { S: pk }, v: { N: String(Math.floor(rnd() * 100)) } };
  if (rnd() < 0.8) {
    item.g = { S: GROUPS[Math.floor(rnd() * GROUPS.length)] };
    item.n = { N: String(Math.floor(rnd() * 1000)) };
  }
  if (rnd() < 0.6) {
    item.a = { S: `a${Math.floor(rnd() * 3)}` };
    item.b = { N: String(Math.floor(rnd() * 3)) };
  }
  return item;
}

/** Seeded writes of every kind, applied to the model as acknowledged. */
async function randomWrites(url: URL, model: Model, seed: number, count: number): Promise<void> {
  const rnd = seededRandom(seed);
  const pkOf = () => `item-${Math.floor(rnd() * 60)}`;
  for (let i = 0; i < count; i++) {
    const pick = rnd();
    if (pick < 0.4) {
      const item = randomItem(rnd, pkOf());
      assert.equal((await postOp(url, "PutItem", { TableName: "things", Item: item })).status, 200);
      model.set(item.pk.S, item);
    } else if (pick < 0.6) {
      const pk = pkOf(), g = GROUPS[Math.floor(rnd() * GROUPS.length)]!;
      const r = await postOp(url, "UpdateItem", { TableName: "things", Key: { pk: { S: pk } },
        UpdateExpression: "SET g = :g, n = if_not_exists(n, :z) ADD v :one", ReturnValues: "ALL_NEW",
        ExpressionAttributeValues: { ":g": { S: g }, ":z": { N: "0" }, ":one": { N: "1" } } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      model.set(pk, r.body.Attributes as Json);
    } else if (pick < 0.75) {
      const pk = pkOf();
      assert.equal((await postOp(url, "DeleteItem", { TableName: "things", Key: { pk: { S: pk } } })).status, 200);
      model.delete(pk);
    } else if (pick < 0.88) {
      const items = new Map<string, Json>();
      for (let j = 0; j < 5; j++) {
        const item = randomItem(rnd, pkOf());
        items.set(item.pk.S, item);
      }
      const r = await postOp(url, "BatchWriteItem", { RequestItems: { things: [...items.values()].map((Item) => ({ PutRequest: { Item } })) } });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.UnprocessedItems, {});
      for (const [pk, item] of items) model.set(pk, item);
    } else {
      // A transaction over several shards: a put and a delete.
      const item = randomItem(rnd, pkOf());
      let gone = pkOf();
      if (gone === item.pk.S) gone += "-x";
      const r = await postOp(url, "TransactWriteItems", { TransactItems: [
        { Put: { TableName: "things", Item: item } }, { Delete: { TableName: "things", Key: { pk: { S: gone } } } }] });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      model.set(item.pk.S, item);
      model.delete(gone);
    }
  }
}

/** Every page of a Query, as sorted JSON. */
async function queryAll(url: URL, request: Json): Promise<string[]> {
  const out: string[] = [];
  let start: Json | undefined;
  do {
    const r = await postOp(url, "Query", { ...request, Limit: 7, ExclusiveStartKey: start });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.push(...(r.body.Items as Json[]).map(canon));
    start = r.body.LastEvaluatedKey as Json | undefined;
  } while (start);
  return out.sort();
}

const project = (item: Json, keys: string[]) => Object.fromEntries(Object.entries(item).filter(([k]) => keys.includes(k)));
/** An item's JSON with its attributes in name order (the engine's order is not the model's). */
const canon = (item: Json) => JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1))));

/** What the GSIs must answer, from the model; and what they do answer. */
function expected(model: Model, index = "byG"): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of model.values()) {
    if (index === "byG" && item.g && item.n) out.set(`g=${item.g.S}`, [...(out.get(`g=${item.g.S}`) ?? []), canon(item)]);
    if (index === "byAB" && item.a && item.b) {
      const k = `ab=${item.a.S}/${item.b.N}`;
      out.set(k, [...(out.get(k) ?? []), canon(project(item, ["pk", "a", "b"]))]);
    }
  }
  return out;
}

async function answered(url: URL, index = "byG"): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (index === "byG") {
    for (const g of GROUPS) {
      const items = await queryAll(url, { TableName: "things", IndexName: "byG", KeyConditionExpression: "g = :g",
        ExpressionAttributeValues: { ":g": { S: g } } });
      if (items.length) out.set(`g=${g}`, items);
    }
  } else {
    for (const a of ["a0", "a1", "a2"])
      for (const b of ["0", "1", "2"]) {
        const items = await queryAll(url, { TableName: "things", IndexName: "byAB", KeyConditionExpression: "a = :a AND b = :b",
          ExpressionAttributeValues: { ":a": { S: a }, ":b": { N: b } } });
        if (items.length) out.set(`ab=${a}/${b}`, items.map((i) => canon(project(JSON.parse(i), ["pk", "a", "b"]))));
      }
  }
  return out;
}

const sorted = (m: Map<string, string[]>) => [...m].map(([k, v]) => [k, [...v].sort()]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));

/** Polls the GSI until it answers as the model says (the outboxes deliver on their own). */
async function converges(url: URL, model: Model, index = "byG", timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const got = sorted(await answered(url, index)), want = sorted(expected(model, index));
    if (JSON.stringify(got) === JSON.stringify(want)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) assert.deepEqual(got, want, `${index} converges to the model`);
    await sleep(100);
  }
}

describe("GSIs partitioned by their own key, over 4 shards", () => {
  let w: StartedWorker;
  const model: Model = new Map();
  before(async () => {
    w = await startWorker("harness", { bindings: { DYNAMODB_SHARDS: "4" } });
    assert.equal((await postOp(w.url, "CreateTable", TABLE)).status, 200);
  });
  after(async () => {
    await fetch(new URL("/__test/outbox-faults/default", w.url));
    await w?.dispose();
  });

  it("a GSI answers as the model once delivered", async () => {
    await randomWrites(w.url, model, 1, 200);
    await converges(w.url, model, "byG");
    await converges(w.url, model, "byAB");
  });

  it("ConsistentRead on a GSI stays DynamoDB's ValidationException", async () => {
    const r = await postOp(w.url, "Query", { TableName: "things", IndexName: "byG", ConsistentRead: true,
      KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": { S: "g1" } } });
    assert.equal(r.status, 400);
    assert.match(r.body.message as string, /Consistent reads are not supported on global secondary indexes/);
  });

  it("deliveries failing, duplicated and delayed: the index converges to the model", async () => {
    const faults = await fetch(new URL("/__test/outbox-faults/default?fail=0.4&duplicate=0.4&delay=30", w.url));
    assert.deepEqual(await faults.json(), { armed: true });
    await randomWrites(w.url, model, 2, 250);
    await fetch(new URL("/__test/outbox-faults/default", w.url));  // faults off: retries deliver what is left
    await converges(w.url, model, "byG");
    await converges(w.url, model, "byAB");
  });

  it("a GSI Scan returns every entry once, for any page size and parallel segments", async () => {
    await converges(w.url, model, "byG");
    const want = [...expected(model, "byG").values()].flat().sort();
    for (const [limit, segments] of [[1000, 1], [3, 1], [10, 3], [5, 16]] as const) {
      const seen: string[] = [];
      for (let segment = 0; segment < segments; segment++) {
        let start: Json | undefined;
        do {
          const r = await postOp(w.url, "Scan", { TableName: "things", IndexName: "byG", Limit: limit, ExclusiveStartKey: start,
            ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}) });
          assert.equal(r.status, 200, JSON.stringify(r.body));
          assert.ok((r.body.Items as Json[]).length <= limit);
          seen.push(...(r.body.Items as Json[]).map(canon));
          start = r.body.LastEvaluatedKey as Json | undefined;
        } while (start);
      }
      assert.deepEqual(seen.sort(), want, `Limit ${limit}, ${segments} segments`);
    }
  });

  it("an index created online is backfilled through the outboxes, ACTIVE once delivered; deleted and created again, it converges", async () => {
    await converges(w.url, model, "byAB");
    const create = { TableName: "things", AttributeDefinitions: [{ AttributeName: "a", AttributeType: "S" }, { AttributeName: "b", AttributeType: "N" }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: "byAB2", KeySchema: [{ AttributeName: "a", KeyType: "HASH" },
        { AttributeName: "b", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } } }] };
    // Every delivery fails for a while: the backfill cannot finish, the index cannot be read.
    await fetch(new URL("/__test/outbox-faults/default?fail=1", w.url));
    const added = await postOp(w.url, "UpdateTable", create);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    const creating = ((added.body.TableDescription as Json).GlobalSecondaryIndexes as Json[]).find((g) => g.IndexName === "byAB2");
    assert.equal(creating?.IndexStatus, "CREATING");
    await sleep(500);
    const during = (await postOp(w.url, "DescribeTable", { TableName: "things" })).body.Table as Json;
    assert.equal(during.TableStatus, "UPDATING");
    assert.deepEqual((during.GlobalSecondaryIndexes as Json[]).filter((g) => g.IndexName === "byAB2").map((g) => [g.IndexStatus, g.Backfilling]),
      [["CREATING", true]]);
    const refused = await postOp(w.url, "Query", { TableName: "things", IndexName: "byAB2", KeyConditionExpression: "a = :a AND b = :b",
      ExpressionAttributeValues: { ":a": { S: "a0" }, ":b": { N: "0" } } });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.message, "Cannot read from backfilling global secondary index: byAB2");
    await fetch(new URL("/__test/outbox-faults/default", w.url));
    const active = async () => {
      for (let i = 0; ; i++) {
        const d = (await postOp(w.url, "DescribeTable", { TableName: "things" })).body.Table as Json;
        const g = (d.GlobalSecondaryIndexes as Json[]).find((x) => x.IndexName === "byAB2")!;
        if (g.IndexStatus === "ACTIVE") {
          assert.equal(g.Backfilling, undefined);
          assert.equal(d.TableStatus, "ACTIVE");
          return;
        }
        assert.equal(g.Backfilling, true);
        assert.ok(i < 300, "the backfill ends");
        await sleep(50);
      }
    };
    await active();
    // byAB2 answers as byAB: the same key and projection; at once when it is ACTIVE (its backfill delivered).
    const alias = async (tries = 100) => {
      for (let i = 0; ; i++) {
        const a = await answered(w.url, "byAB");
        const b = new Map<string, string[]>();
        for (const x of ["a0", "a1", "a2"])
          for (const y of ["0", "1", "2"]) {
            const items = await queryAll(w.url, { TableName: "things", IndexName: "byAB2", KeyConditionExpression: "a = :a AND b = :b",
              ExpressionAttributeValues: { ":a": { S: x }, ":b": { N: y } } });
            if (items.length) b.set(`ab=${x}/${y}`, items.map((s) => canon(project(JSON.parse(s), ["pk", "a", "b"]))));
          }
        if (JSON.stringify(sorted(a)) === JSON.stringify(sorted(b))) return;
        assert.ok(i < tries - 1, `byAB2 answers as byAB: ${JSON.stringify(sorted(b))}`);
        await sleep(100);
      }
    };
    await alias(1);
    // Deleted: its index shards lose their data; created again under its name, it converges.
    const del = await postOp(w.url, "UpdateTable", { TableName: "things", GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: "byAB2" } }] });
    assert.equal(del.status, 200, JSON.stringify(del.body));
    for (let i = 0; ; i++) {
      const d = (await postOp(w.url, "DescribeTable", { TableName: "things" })).body.Table as Json;
      if (!(d.GlobalSecondaryIndexes as Json[]).some((x) => x.IndexName === "byAB2")) break;
      assert.ok(i < 200, "the deletion ends");
      await sleep(50);
    }
    const gone = await postOp(w.url, "Query", { TableName: "things", IndexName: "byAB2", KeyConditionExpression: "a = :a AND b = :b",
      ExpressionAttributeValues: { ":a": { S: "a0" }, ":b": { N: "0" } } });
    assert.equal(gone.status, 400);
    await randomWrites(w.url, model, 3, 60);
    assert.equal((await postOp(w.url, "UpdateTable", create)).status, 200);
    await converges(w.url, model, "byAB");
    await active();
    await alias(1);
  });

  it("a table spread by the previous version keeps its GSIs in each shard, read at once by every shard", async () => {
    // The previous version's CreateTable: the directory's and each shard's, without @IndexShards.
    const rpc = async (op: string, body: Json, object?: string) => {
      const r = await fetch(new URL(`/__test/rpc/default?op=${op}${object ? `&object=${encodeURIComponent(object)}` : ""}`, w.url),
        { method: "POST", body: JSON.stringify(body) });
      return (await r.json()) as { status: number; body: string };
    };
    const old = { ...TABLE, TableName: "olden" };
    assert.equal((await rpc("CreateTable", { ...old, Tags: [{ Key: "do-dynamodb:shards", Value: "4" }] })).status, 200);
    const tableId = (JSON.parse((await rpc("DescribeTable", { TableName: "olden" })).body) as Json).Table.TableId as string;
    for (let i = 0; i < 4; i++) assert.equal((await rpc("CreateTable", old, `default/${tableId}/${i}`)).status, 200);
    const items = Array.from({ length: 30 }, (_, i) => ({ pk: { S: `o${i}` }, g: { S: `g${i % 3}` }, n: { N: String(i) } }));
    for (const Item of items) assert.equal((await postOp(w.url, "PutItem", { TableName: "olden", Item })).status, 200);
    // No delivery to wait for: every shard answers from its own entries, merged in index order.
    const r = await postOp(w.url, "Query", { TableName: "olden", IndexName: "byG", KeyConditionExpression: "g = :g",
      ExpressionAttributeValues: { ":g": { S: "g1" } } });
    assert.deepEqual((r.body.Items as Json[]).map(canon), items.filter((_, i) => i % 3 === 1).map(canon));
  });

  it("DescribeTable adds up the index shards' counts once their statistics are refreshed", async () => {
    const d = (await postOp(w.url, "DescribeTable", { TableName: "things" })).body.Table as Json;
    for (const g of d.GlobalSecondaryIndexes as Json[]) {
      assert.equal(typeof g.ItemCount, "number");
      assert.equal(typeof g.IndexSizeBytes, "number");
    }
  });
});
