/**
 * WasmEngine over the real engine.wasm in Node: the host import protocol (staging, packed scan
 * records), string and byte bodies, memory growth, and recovery after a request throws midway.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MemoryHost } from "../hosts/memory-host.js";
import { createNodeEngine } from "../node.js";
import type { KvHost } from "./kv-host.js";
import { packEntries } from "./wasm-engine.js";

const TABLE = JSON.stringify({
  TableName: "things",
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
  BillingMode: "PAY_PER_REQUEST",
});

/** A MemoryHost that throws (before writing) on the next put once armed. */
class FailingHost extends MemoryHost {
  armed = false;
  override put(key: Uint8Array, value: Uint8Array): void {
    if (this.armed) {
      this.armed = false;
      throw new Error("injected put failure");
    }
    super.put(key, value);
  }
}

function json(r: { status: number; body: string }): { status: number; body: Record<string, unknown> } {
  return { status: r.status, body: JSON.parse(r.body) as Record<string, unknown> };
}

describe("packEntries", () => {
  test("packs [u32 LE klen][key][u32 LE vlen][value] records", () => {
    const packed = packEntries([
      [new Uint8Array([1, 2]), new Uint8Array([3])],
      [new Uint8Array([]), new Uint8Array(300).fill(7)],
    ]);
    assert.equal(packed.length, 4 + 2 + 4 + 1 + 4 + 0 + 4 + 300);
    assert.deepEqual(Array.from(packed.subarray(0, 11)), [2, 0, 0, 0, 1, 2, 1, 0, 0, 0, 3]);
    assert.deepEqual(Array.from(packed.subarray(11, 19)), [0, 0, 0, 0, 44, 1, 0, 0]);
    assert.equal(packEntries([]).length, 0);
  });
});

describe("WasmEngine", () => {
  test("an unknown operation is UnknownOperationException", () => {
    const r = json(createNodeEngine().handle("NoSuchOperation", "{}"));
    assert.equal(r.status, 400);
    assert.equal(r.body.__type, "com.amazon.coral.service#UnknownOperationException");
  });

  test("malformed JSON is a 400 error, not a crash", () => {
    const engine = createNodeEngine();
    const r = json(engine.handle("ListTables", "{not json"));
    assert.equal(r.status, 400);
    assert.match(String(r.body.__type), /SerializationException|ValidationException/);
    assert.equal(engine.handle("ListTables", "{}").status, 200);
  });

  test("string and byte bodies give the same answer", () => {
    const engine = createNodeEngine();
    const a = engine.handle("ListTables", '{"Limit":5}');
    const b = engine.handle("ListTables", new TextEncoder().encode('{"Limit":5}'));
    assert.deepEqual(a, b);
    assert.equal(a.status, 200);
  });

  test("tables are written through the host and read back", () => {
    const host = new MemoryHost();
    const engine = createNodeEngine(host);
    assert.equal(json(engine.handle("CreateTable", TABLE)).status, 200);
    assert.ok(host.size > 0, "CreateTable wrote to the host");
    const fresh = createNodeEngine(host); // a new instance sees the same storage
    assert.deepEqual(json(fresh.handle("ListTables", "{}")).body.TableNames, ["things"]);
  });

  test("a large non-ASCII item round-trips (memory growth, UTF-8 both ways)", () => {
    const engine = createNodeEngine();
    engine.handle("CreateTable", TABLE);
    const big = "ü€𝄞".repeat(30_000); // ~270 KB of UTF-8
    const put = engine.handle("PutItem", JSON.stringify({ TableName: "things", Item: { pk: { S: "k" }, v: { S: big } } }));
    assert.equal(put.status, 200, put.body);
    const got = json(engine.handle("GetItem", JSON.stringify({ TableName: "things", Key: { pk: { S: "k" } } })));
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.Item, { pk: { S: "k" }, v: { S: big } });
  });

  test("after a host error the request throws and the next one runs on a fresh instance", () => {
    const host = new FailingHost();
    const engine = createNodeEngine(host);
    host.armed = true;
    assert.throws(() => engine.handle("CreateTable", TABLE), /injected put failure/);
    assert.equal(host.size, 0);
    const r = json(engine.handle("CreateTable", TABLE));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(json(engine.handle("ListTables", "{}")).body.TableNames, ["things"]);
  });

  test("DescribeTable reads the catalog through kv_get", () => {
    const seen: Uint8Array[] = [];
    const inner = new MemoryHost();
    const spy: KvHost = {
      get: (k) => (seen.push(k), inner.get(k)),
      put: (k, v) => inner.put(k, v),
      delete: (k) => inner.delete(k),
      scan: (s, e, r, l) => inner.scan(s, e, r, l),
      nowMs: () => inner.nowMs(),
    };
    const engine = createNodeEngine(spy);
    engine.handle("CreateTable", TABLE);
    engine.handle("DescribeTable", '{"TableName":"things"}');
    assert.ok(seen.length > 0, "the engine read through kv_get");
  });
});
