/** compareBytes is memcmp order with a shorter prefix first; copyBytes detaches from the source. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareBytes, copyBytes } from "./bytes.js";

const u = (...xs: number[]) => new Uint8Array(xs);

test("compareBytes orders unsigned bytes, prefixes first", () => {
  assert.ok(compareBytes(u(1, 2), u(1, 3)) < 0);
  assert.ok(compareBytes(u(0x80), u(0x7f)) > 0);
  assert.ok(compareBytes(u(1), u(1, 0)) < 0);
  assert.equal(compareBytes(u(), u()), 0);
  assert.equal(compareBytes(u(4, 5), u(4, 5)), 0);
});

test("copyBytes owns its buffer", () => {
  const buf = u(1, 2, 3, 4);
  const view = buf.subarray(1, 3);
  const copy = copyBytes(view);
  buf[1] = 9;
  assert.deepEqual(Array.from(copy), [2, 3]);
  assert.equal(copy.byteOffset, 0);
  assert.equal(copy.buffer.byteLength, 2);
});
