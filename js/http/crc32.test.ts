/** CRC-32 against the standard check value and DynamoDB's own header values. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32 } from "./crc32.js";

const enc = new TextEncoder();

test("the IEEE check value", () => {
  assert.equal(crc32(enc.encode("123456789")), 0xcbf43926);
});

test("empty input is 0", () => {
  assert.equal(crc32(new Uint8Array(0)), 0);
});

test("matches DynamoDB's header for its 404 body", () => {
  assert.equal(crc32(enc.encode("<UnknownOperationException/>\n")), 3552371480);
});

/** The one-table, byte-at-a-time CRC: the reference the sliced loop must agree with. */
function bytewise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

test("agrees with the bytewise CRC at every length 0-300 and on large random inputs", () => {
  let seed = 12345;
  const random = (n: number) => Uint8Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
  const data = random(300);
  for (let n = 0; n <= 300; n++) assert.equal(crc32(data.subarray(0, n)), bytewise(data.subarray(0, n)), `length ${n}`);
  for (let off = 1; off < 8; off++) assert.equal(crc32(data.subarray(off, off + 77)), bytewise(data.subarray(off, off + 77)));
  const big = random(100_003);
  assert.equal(crc32(big), bytewise(big));
  assert.equal(crc32(new Uint8Array(4096).fill(0xff)), bytewise(new Uint8Array(4096).fill(0xff)));
});
