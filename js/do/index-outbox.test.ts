/**
 * IndexOutbox over real engines in Node (a table shard and its two index shards, each a WasmEngine
 * over its own MemoryHost) and a fake namespace: records reach the index shard their index key
 * hashes to and are acknowledged; a failed call keeps its records (and the later records of that
 * object) for the retry, the alarm is set as a backstop; duplicated calls change nothing. The
 * whole path inside workerd: tests/workerd/sharded-gsi.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";

import { createNodeEngine } from "../node.js";
import type { DynamoDBEngine } from "./dynamodb-engine.js";
import { IndexOutbox, setIndexOutboxFaults } from "./index-outbox.js";

const DEFINITION = {
  TableName: "tbl", BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "g", AttributeType: "S" }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  GlobalSecondaryIndexes: [{ IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }],
};

function setup() {
  const table = createNodeEngine();
  assert.equal(table.handle("@Shard:CreateTable", JSON.stringify({ ...DEFINITION, "@IndexShards": 2, "@IndexObjects": "db/T/gsi/" })).status, 200);
  const indexes = new Map<string, ReturnType<typeof createNodeEngine>>([0, 1].map((i) => {
    const e = createNodeEngine();
    assert.equal(e.handle("CreateTable", JSON.stringify(DEFINITION)).status, 200);
    return [`db/T/gsi/byG/${i}`, e] as const;
  }));
  const calls: string[] = [];
  let failing = 0;
  const env = {
    DYNAMODB: {
      idFromName: (name: string) => name,
      get: (name: string) => ({
        routerHandle: async (op: string, body: string) => {
          calls.push(name);
          if (failing > 0) {
            failing -= 1;
            throw new Error("unreachable");
          }
          return indexes.get(name)!.handle(op, body);
        },
      }),
    },
  };
  const alarms: number[] = [];
  const storage = { getAlarm: async () => null, setAlarm: async (t: number | Date) => void alarms.push(+t) };
  const outbox = new IndexOutbox(storage as never, env, "table-shard");
  const count = (g: string) => [...indexes.values()].reduce((n, e) => n + (JSON.parse(e.handle("Query", JSON.stringify({
    TableName: "tbl", IndexName: "byG", KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": { S: g } } })).body) as { Count: number }).Count, 0);
  return { table, engine: table as unknown as DynamoDBEngine, outbox, calls, alarms, count, fail: (n: number) => (failing = n) };
}

const put = (e: { handle(op: string, body: string): { status: number } }, pk: string, g: string) =>
  assert.equal(e.handle("PutItem", JSON.stringify({ TableName: "tbl", Item: { pk: { S: pk }, g: { S: g } } })).status, 200);

test("records reach their index shards and are acknowledged", async () => {
  const { table, engine, outbox, count } = setup();
  for (let i = 0; i < 20; i++) put(table, `k${i}`, `g${i % 4}`);
  assert.equal(await outbox.deliver(engine), true);
  assert.deepEqual([0, 1, 2, 3].map((i) => count(`g${i}`)), [5, 5, 5, 5]);
  assert.match(table.handle("@OutboxRead", "{}").body, /"Records":\[\]/);
});

test("a failed call keeps its records for the retry; the alarm is the backstop", async () => {
  const { table, engine, outbox, count, alarms, fail } = setup();
  for (let i = 0; i < 10; i++) put(table, `k${i}`, "g0");
  fail(1);
  outbox.kick(engine);
  assert.equal(await outbox.deliver(engine), false);
  assert.equal(count("g0"), 0);
  assert.ok(alarms.length >= 1, "a backstop alarm is set");
  assert.equal(await outbox.deliver(engine), true);
  assert.equal(count("g0"), 10);
});

test("duplicated and delayed calls change nothing", async () => {
  const { table, engine, outbox, count, calls } = setup();
  setIndexOutboxFaults({ duplicate: 1, delayMs: 5 });
  try {
    for (let i = 0; i < 6; i++) put(table, `k${i}`, `g${i % 2}`);
    assert.equal(await outbox.deliver(engine), true);
    // A delete, delivered twice too; then the same keys written again.
    assert.equal(table.handle("DeleteItem", JSON.stringify({ TableName: "tbl", Key: { pk: { S: "k0" } } })).status, 200);
    put(table, "k1", "g0");
    assert.equal(await outbox.deliver(engine), true);
  } finally {
    setIndexOutboxFaults(null);
  }
  assert.ok(calls.length >= 4);
  assert.deepEqual([count("g0"), count("g1")], [3, 2]);
});
