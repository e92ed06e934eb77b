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
