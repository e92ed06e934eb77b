/**
 * Runs a list of cases inside workerd through one harness-worker route and reports each as its own
 * node:test test: the route answers [{name, ok, error}] and every expected case must be there and ok.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CaseResult } from "../scenarios/sdk-cases.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

export function describeRouteCases(title: string, route: string, cases: ReadonlyArray<{ name: string }>): void {
  describe(title, () => {
    let worker: StartedWorker;
    let results: Map<string, CaseResult>;
    before(async () => {
      worker = await startWorker("harness");
      const res = await fetch(new URL(route, worker.url), { method: "POST" });
      const text = await res.text();
      assert.equal(res.status, 200, text);
      results = new Map((JSON.parse(text) as CaseResult[]).map((r) => [r.name, r]));
    });
    after(() => worker?.dispose());

    for (const c of cases) {
      test(c.name, () => {
        const r = results.get(c.name);
        assert.ok(r, "the case ran");
        assert.ok(r.ok, r.error);
      });
    }
  });
}
