import assert from "node:assert/strict";
import { test } from "node:test";
import { createNodeEngine } from "../node.js";
import { MemoryHost } from "./memory-host.js";
import { WriteBuffer } from "./write-buffer.js";
import { seededRandom } from "../../tests/support/random.js";

const bytes = (...b: number[]) => new Uint8Array(b);
const dump = (rows: Array<[Uint8Array, Uint8Array]>) => rows.map(([k, v]) => `${[...k]}=${[...v]}`);

test("while deferring, reads see the pending writes and the inner host sees none until flush", () => {
  const inner = new MemoryHost();
  inner.put(bytes(1), bytes(10));
  inner.put(bytes(2), bytes(20));
  const buffer = new WriteBuffer(inner);
  buffer.begin();
  buffer.put(bytes(3), bytes(30));
  buffer.delete(bytes(1));
  buffer.put(bytes(2), bytes(21));
  assert.equal(buffer.get(bytes(1)), null);
  assert.deepEqual(buffer.get(bytes(2)), bytes(21));
  assert.deepEqual(dump(buffer.scan(bytes(0), bytes(9), false, 10)), ["2=21", "3=30"]);
  assert.deepEqual(dump(inner.scan(bytes(0), bytes(9), false, 10)), ["1=10", "2=20"]);
  assert.equal(buffer.pendingCount, 3);
  buffer.flush();
  assert.deepEqual(dump(inner.scan(bytes(0), bytes(9), false, 10)), ["2=21", "3=30"]);
  buffer.put(bytes(4), bytes(40)); // no longer deferring: straight through
  assert.deepEqual(inner.get(bytes(4)), bytes(40));
});

test("discard forgets the pending writes", () => {
  const inner = new MemoryHost();
  const buffer = new WriteBuffer(inner);
  buffer.begin();
  buffer.put(bytes(1), bytes(1));
  buffer.discard();
  assert.equal(buffer.get(bytes(1)), null);
  assert.equal(inner.size, 0);
});

test("pending writes copy keys and values (they may be views into wasm memory)", () => {
  const buffer = new WriteBuffer(new MemoryHost());
  buffer.begin();
  const key = bytes(7);
  const value = bytes(70);
  buffer.put(key, value);
  key[0] = 8;
  value[0] = 80;
  assert.deepEqual(buffer.get(bytes(7)), bytes(70));
  assert.equal(buffer.get(bytes(8)), null);
});

test("scans over pending writes match a host the writes were applied to (random, both directions, every limit)", () => {
  for (let seed = 1; seed <= 200; seed++) {
    const rand = seededRandom(seed);
    const key = () => bytes(Math.floor(rand() * 12), ...(rand() < 0.3 ? [Math.floor(rand() * 3)] : []));
    const base = new MemoryHost();
    for (let i = 0; i < 8; i++) base.put(key(), bytes(i));
    const reference = new MemoryHost();
    for (const [k, v] of base.entries()) reference.put(k, v);
    const buffer = new WriteBuffer(base);
    buffer.begin();
    for (let i = 0; i < 6; i++) {
      const k = key();
      if (rand() < 0.4) {
        buffer.delete(k);
        reference.delete(k);
      } else {
        buffer.put(k, bytes(100 + i));
        reference.put(k, bytes(100 + i));
      }
    }
    for (let q = 0; q < 10; q++) {
      let [start, end] = [key(), key()];
      if (rand() < 0.5) [start, end] = [end, start];
      const reverse = rand() < 0.5;
      const limit = Math.floor(rand() * 10);
      assert.deepEqual(dump(buffer.scan(start, end, reverse, limit)), dump(reference.scan(start, end, reverse, limit)), `seed ${seed}`);
    }
    for (let i = 0; i < 12; i++) assert.deepEqual(buffer.get(bytes(i)), reference.get(bytes(i)), `seed ${seed} get ${i}`);
    buffer.flush();
    assert.deepEqual(dump(base.entries()), dump(reference.entries()), `seed ${seed} after flush`);
  }
});

test("the engine over a deferring buffer answers and stores exactly as over the host directly", () => {
  const direct = new MemoryHost(() => 1_700_000_000_000);
  const inner = new MemoryHost(() => 1_700_000_000_000);
  const buffer = new WriteBuffer(inner);
  const a = createNodeEngine(direct);
  const b = createNodeEngine(buffer);
  const requests: Array<[string, unknown]> = [
    ["CreateTable", {
      TableName: "tab", BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }, { AttributeName: "g", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      GlobalSecondaryIndexes: [{ IndexName: "gix", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }],
  ];
  for (let i = 0; i < 30; i++) {
    requests.push(["PutItem", { TableName: "tab", Item: { pk: { S: `p${i % 3}` }, sk: { N: String(i) }, g: { S: `g${i % 4}` } } }]);
    requests.push(["UpdateItem", { TableName: "tab", Key: { pk: { S: `p${i % 3}` }, sk: { N: String(i >> 1) } }, UpdateExpression: "ADD n :one SET g = :g", ExpressionAttributeValues: { ":one": { N: "1" }, ":g": { S: `h${i % 5}` } }, ReturnValues: "ALL_NEW" }]);
    if (i % 4 === 0) requests.push(["DeleteItem", { TableName: "tab", Key: { pk: { S: `p${i % 3}` }, sk: { N: String(i - 2) } }, ReturnValues: "ALL_OLD" }]);
    if (i % 7 === 0) requests.push(["TransactWriteItems", { TransactItems: [
      { Put: { TableName: "tab", Item: { pk: { S: "tx" }, sk: { N: String(i) }, g: { S: "gt" } } } },
      { Update: { TableName: "tab", Key: { pk: { S: "p0" }, sk: { N: "0" } }, UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": { N: "1" } } } },
    ] }]);
    if (i % 9 === 0) requests.push(["BatchWriteItem", { RequestItems: { tab: [
      { PutRequest: { Item: { pk: { S: "bw" }, sk: { N: String(i) } } } },
      { DeleteRequest: { Key: { pk: { S: "p1" }, sk: { N: String(i) } } } },
    ] } }]);
  }
  requests.push(["Query", { TableName: "tab", IndexName: "gix", KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": { S: "h1" } } }]);
  let ok = 0;
  for (const [op, body] of requests) {
    buffer.begin();
    const rb = b.handle(op, JSON.stringify(body));
    buffer.flush();
    const ra = a.handle(op, JSON.stringify(body));
    assert.equal(rb.status, ra.status, `${op} ${rb.body}`);
    assert.equal(rb.body, ra.body, op);
    if (op === "CreateTable") assert.equal(ra.status, 200, ra.body);
    if (ra.status === 200) ok++;
  }
  assert.equal(ok, requests.length, `most requests succeed (${ok} of ${requests.length})`);
  assert.ok(direct.size > 60, `items, index entries and stream records were written (${direct.size})`);
  assert.deepEqual(dump(inner.entries()), dump(direct.entries()));
});
