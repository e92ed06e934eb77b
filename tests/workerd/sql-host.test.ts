/** SqlHost (over a Durable Object's SQLite storage, in workerd) against the KvHost conformance suite. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { KV_HOST_CASES } from "../../js/hosts/kv-host-conformance.js";
import type { CaseResult } from "../scenarios/sdk-cases.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

let worker: StartedWorker;
let results: Map<string, CaseResult>;
before(async () => {
  worker = await startWorker("harness");
  const res = await fetch(new URL("/__test/kv-conformance/kv-conformance", worker.url), { method: "POST" });
  assert.equal(res.status, 200, await res.clone().text());
  results = new Map(((await res.json()) as CaseResult[]).map((r) => [r.name, r]));
});
after(() => worker.dispose());

describe("SqlHost conformance (workerd)", () => {
  for (const c of KV_HOST_CASES) {
    test(c.name, () => {
      const r = results.get(c.name);
      assert.ok(r, "the case ran");
      assert.ok(r.ok, r.error);
    });
  }
});
