/**
 * The real AWS SDK bundled into a Worker and run inside a Durable Object through the in-process
 * request handler (no HTTP, no network): the shared SDK scenario, run by a test-only route, each
 * case reported as its own test here.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SDK_CASES, type CaseResult } from "../scenarios/sdk-cases.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

let worker: StartedWorker;
let results: Map<string, CaseResult>;
before(async () => {
  worker = await startWorker("harness");
  const res = await fetch(new URL("/__test/sdk/in-do?prefix=in-do", worker.url), { method: "POST" });
  assert.equal(res.status, 200, await res.clone().text());
  results = new Map(((await res.json()) as CaseResult[]).map((r) => [r.name, r]));
});
after(() => worker.dispose());

describe("SDK scenario inside a Durable Object (in-process handler)", () => {
  for (const c of SDK_CASES) {
    test(c.name, () => {
      const r = results.get(c.name);
      assert.ok(r, "the case ran");
      assert.ok(r.ok, r.error);
    });
  }
});
