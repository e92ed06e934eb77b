/**
 * One conformance suite for every KvHost implementation: point reads and writes, binary keys, and
 * ordered range scans (forward, reverse, limits, exclusive end, a shorter prefix sorting first).
 * Cases are plain functions that throw on a mismatch, so the same list runs under node:test against
 * MemoryHost and inside workerd (the test worker) against SqlHost. Each case gets an empty host.
 */
import type { KvHost } from "../engine/kv-host.js";

export interface KvHostCase {
  name: string;
  run(host: KvHost): void;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const b = (s: string) => enc.encode(s);
const bytes = (...xs: number[]) => new Uint8Array(xs);

function show(v: Uint8Array | null): string {
  return v === null ? "null" : `[${Array.from(v).join(",")}]`;
}

function expectBytes(actual: Uint8Array | null, expected: Uint8Array | null, what: string): void {
  if (show(actual) !== show(expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

function expectKeys(entries: Array<[Uint8Array, Uint8Array]>, expected: string[], what: string): void {
  const keys = entries.map(([k]) => dec.decode(k));
  if (JSON.stringify(keys) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(keys)}`);
  }
}

function fill(host: KvHost, keys: string[]): void {
  for (const k of keys) host.put(b(k), b(`v:${k}`));
}

export const KV_HOST_CASES: KvHostCase[] = [
  {
    name: "get of an absent key is null",
    run(host) {
      expectBytes(host.get(b("nope")), null, "get");
    },
  },
  {
    name: "put, get, replace and delete",
    run(host) {
      host.put(b("k"), b("one"));
      expectBytes(host.get(b("k")), b("one"), "after put");
      host.put(b("k"), b("two"));
      expectBytes(host.get(b("k")), b("two"), "after replace");
      host.delete(b("k"));
      expectBytes(host.get(b("k")), null, "after delete");
      host.delete(b("k")); // absent: no error
    },
  },
  {
    name: "empty values and binary keys with zero and high bytes",
    run(host) {
      host.put(bytes(0, 255, 0), bytes());
      host.put(bytes(0xff), bytes(0, 0, 1));
      expectBytes(host.get(bytes(0, 255, 0)), bytes(), "empty value");
      expectBytes(host.get(bytes(0xff)), bytes(0, 0, 1), "high key");
      expectBytes(host.get(bytes(0, 255)), null, "prefix is a different key");
    },
  },
  {
    name: "a stored value does not alias the caller's buffers",
    run(host) {
      const key = b("alias");
      const value = b("abc");
      host.put(key, value);
      value[0] = 0x7a;
      key[0] = 0x7a;
      expectBytes(host.get(b("alias")), b("abc"), "value after caller mutation");
    },
  },
  {
    name: "scan is ascending over start <= key < end",
    run(host) {
      fill(host, ["d", "a", "c", "b", "e"]);
      expectKeys(host.scan(b("b"), b("e"), false, 100), ["b", "c", "d"], "scan b..e");
      expectKeys(host.scan(b(""), b("z"), false, 100), ["a", "b", "c", "d", "e"], "scan all");
      const [first] = host.scan(b("c"), b("d"), false, 10);
      expectBytes(first?.[1] ?? null, b("v:c"), "scan value");
    },
  },
  {
    name: "reverse scan is descending over the same range",
    run(host) {
      fill(host, ["a", "b", "c", "d", "e"]);
      expectKeys(host.scan(b("b"), b("e"), true, 100), ["d", "c", "b"], "reverse b..e");
      expectKeys(host.scan(b("b"), b("e"), true, 2), ["d", "c"], "reverse limit 2");
    },
  },
  {
    name: "limit caps the entries; zero or negative gives none",
    run(host) {
      fill(host, ["a", "b", "c"]);
      expectKeys(host.scan(b("a"), b("z"), false, 2), ["a", "b"], "limit 2");
      expectKeys(host.scan(b("a"), b("z"), false, 0), [], "limit 0");
      expectKeys(host.scan(b("a"), b("z"), false, -1), [], "limit -1");
    },
  },
  {
    name: "empty and inverted ranges give nothing",
    run(host) {
      fill(host, ["a", "b", "c"]);
      expectKeys(host.scan(b("b"), b("b"), false, 10), [], "start == end");
      expectKeys(host.scan(b("c"), b("a"), false, 10), [], "start > end");
      expectKeys(host.scan(b("c"), b("a"), true, 10), [], "reverse start > end");
      expectKeys(host.scan(b("x"), b("z"), false, 10), [], "past the last key");
    },
  },
  {
    name: "keys order by bytes, a shorter prefix first",
    run(host) {
      fill(host, ["ab", "a", "abc", "b", "a\u0000"]);
      expectKeys(host.scan(b("a"), b("b"), false, 10), ["a", "a\u0000", "ab", "abc"], "prefix order");
      host.put(bytes(0x80), b("high"));
      host.put(bytes(0x7f), b("low"));
      const order = host.scan(bytes(0x70), bytes(0x90), false, 10).map(([k]) => k[0]);
      if (JSON.stringify(order) !== "[127,128]") throw new Error(`unsigned byte order: got ${JSON.stringify(order)}`);
    },
  },
  {
    name: "the range bounds are exact bytes (end exclusive, start inclusive)",
    run(host) {
      host.put(bytes(1, 0), b("x"));
      host.put(bytes(1, 0, 0), b("y"));
      host.put(bytes(1, 1), b("z"));
      const keys = host.scan(bytes(1, 0), bytes(1, 1), false, 10).map(([k]) => show(k));
      if (JSON.stringify(keys) !== JSON.stringify(["[1,0]", "[1,0,0]"])) throw new Error(`bounds: got ${JSON.stringify(keys)}`);
    },
  },
  {
    name: "nowMs is close to the wall clock",
    run(host) {
      const drift = Math.abs(host.nowMs() - Date.now());
      if (!(drift < 60_000)) throw new Error(`nowMs drift ${drift} ms`);
    },
  },
];
