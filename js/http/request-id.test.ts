/** Request ids: DynamoDB's shape, and distinct across refills of the random pool. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { newRequestId } from "./request-id.js";

test("52 upper-case letters and digits", () => {
  for (let i = 0; i < 200; i++) assert.match(newRequestId(), /^[A-Z0-9]{52}$/);
});

test("distinct across many pool refills", () => {
  const ids = new Set<string>();
  for (let i = 0; i < 5000; i++) ids.add(newRequestId());
  assert.equal(ids.size, 5000);
});

test("the characters are the old btoa mapping of the random bytes", () => {
  // Every 6-bit value appears in a large sample; only A-Z and 0-9 come out, digits 1-9 rarer
  // than letters (letters carry two base64 values, '0' three, other digits one).
  const counts = new Map<string, number>();
  for (let i = 0; i < 2000; i++) for (const c of newRequestId()) counts.set(c, (counts.get(c) ?? 0) + 1);
  assert.equal(counts.size, 36);
  assert.ok(counts.get("A")! > counts.get("5")! * 1.5);
  assert.ok(counts.get("0")! > counts.get("A")! * 1.2);
});
