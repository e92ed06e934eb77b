/** MemoryHost against the shared KvHost conformance suite, plus its own extras. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { KV_HOST_CASES } from "./kv-host-conformance.js";
import { MemoryHost } from "./memory-host.js";

describe("MemoryHost conformance", () => {
  for (const c of KV_HOST_CASES) test(c.name, () => c.run(new MemoryHost()));
});

describe("MemoryHost", () => {
  test("keeps entries sorted and counts them", () => {
    const host = new MemoryHost();
    for (const k of [5, 3, 9, 1, 7]) host.put(new Uint8Array([k]), new Uint8Array([k * 2]));
    host.put(new Uint8Array([3]), new Uint8Array([0]));
    assert.equal(host.size, 5);
    assert.deepEqual(host.entries().map(([k, v]) => [k[0], v[0]]), [[1, 2], [3, 0], [5, 10], [7, 14], [9, 18]]);
  });

  test("uses the injected clock", () => {
    assert.equal(new MemoryHost(() => 1234).nowMs(), 1234);
  });

  test("a large scan stays ordered in both directions", () => {
    const host = new MemoryHost();
    const keys = Array.from({ length: 500 }, (_, i) => (i * 7919) % 500);
    for (const k of keys) host.put(new Uint8Array([k >> 8, k & 255]), new Uint8Array(0));
    const fwd = host.scan(new Uint8Array([0]), new Uint8Array([2]), false, 1000).map(([k]) => (k[0]! << 8) | k[1]!);
    assert.deepEqual(fwd, Array.from({ length: 500 }, (_, i) => i));
    const rev = host.scan(new Uint8Array([0, 100]), new Uint8Array([1, 0]), true, 3).map(([k]) => k[1]);
    assert.deepEqual(rev, [255, 254, 253]);
  });
});
