/**
 * The short soak (part of `npm test`): 20,000 requests of the mixed workload in the Node engine;
 * every answer is of the expected kind and the wasm memory stops growing after the warm-up.
 * The long run (1M requests, also inside a Durable Object) is `npm run soak`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { report, soakNode } from "./soak.js";

test("20,000 mixed requests: expected answers, bounded wasm memory", { timeout: 120_000 }, () => {
  const r = soakNode(20_000, 1_000);
  console.log(report("Node engine, MemoryHost", r));
  assert.equal(r.tally.unexpected, 0, r.tally.samples.join("\n"));
  assert.ok(r.tally.errors > 1000 && r.tally.ok > 10_000, JSON.stringify(r.tally));
  assert.equal(r.maxBytes, r.warmBytes, `wasm memory grew after warm-up: ${JSON.stringify(r.samples)}`);
  assert.ok(r.maxBytes <= 16 * 1048576, `wasm memory ${r.maxBytes} B`);
});
