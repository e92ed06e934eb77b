/**
 * The do-dynamodb facade inside workerd (bundled from the package entries): the namespace-bound
 * client and the document client in a Worker against DynamoDBDurableObject over RPC; withDynamoDB on
 * an object with its own alarm (both the engine's TTL sweep and the object's alarm run); and both
 * examples served by their Workers.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CaseResult } from "../scenarios/sdk-cases.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

const BOTH = {
  DYNAMODB: { className: "DynamoDBDurableObject", useSQLite: true },
  REMINDERS: { className: "Reminders", useSQLite: true },
} as const;

async function call(worker: StartedWorker, path: string, init?: RequestInit): Promise<any> {
  const res = await fetch(new URL(path, worker.url), init);
  const text = await res.text();
  assert.ok(res.ok, `${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const CASE_NAMES = [
  "namespace client: create, put, get, errors",
  "namespace client: the database is the object the HTTP route /<database> reaches",
  "document client and paginateQuery over the namespace",
];

describe("do-dynamodb in workerd", () => {
  let worker: StartedWorker;
  let results: Map<string, CaseResult>;
  before(async () => {
    worker = await startWorker("facade", { durableObjects: BOTH });
    results = new Map((await call(worker, "/cases") as CaseResult[]).map((r) => [r.name, r]));
  });
  after(() => worker?.dispose());

  for (const name of CASE_NAMES) {
    test(name, () => {
      const r = results.get(name);
      assert.ok(r, "the case ran");
      assert.ok(r.ok, r.error);
    });
  }

  test("withDynamoDB: the engine's maintenance and the object's own alarm both run", { timeout: 30_000 }, async () => {
    const scheduled = await call(worker, "/reminders/schedule?ms=1500");
    assert.ok(typeof scheduled === "number" && scheduled > Date.now(), "the object sees its own alarm time");
    await call(worker, "/reminders/set-up"); // UpdateTimeToLive: the engine wants its alarm now
    const deadline = Date.now() + 20_000;
    let status;
    for (;;) {
      status = await call(worker, "/reminders/status");
      if ((status.fired === 1 && !status.old) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(status, { fired: 1, ownAlarm: null, old: false, keep: true });
  });
});

describe("examples in workerd", () => {
  test("agent memory: one Durable Object per agent, latest turns per user", async () => {
    const worker = await startWorker("example-agent-memory", { durableObjects: { AGENTS: { className: "AgentMemory", useSQLite: true } } });
    try {
      const post = (agent: string, user: string, text: string) =>
        call(worker, `/agents/${agent}/turns`, { method: "POST", body: JSON.stringify({ user, role: "user", text }) });
      for (const text of ["one", "two", "three"]) await post("helper", "ada", text);
      await post("other-agent", "ada", "elsewhere");
      const turns = await call(worker, "/agents/helper/turns?user=ada&n=2");
      assert.deepEqual(turns.map((t: { text: string }) => t.text), ["two", "three"]);
      assert.deepEqual((await call(worker, "/agents/other-agent/turns?user=ada&n=5")).map((t: { text: string }) => t.text), ["elsewhere"]);
    } finally {
      await worker.dispose();
    }
  });

  test("orders: a transaction over the namespace client; a refused order leaves stock unchanged", async () => {
    const worker = await startWorker("example-orders");
    try {
      await fetch(new URL("/stock/apple", worker.url), { method: "PUT", body: JSON.stringify({ stock: 5 }) });
      await fetch(new URL("/stock/pear", worker.url), { method: "PUT", body: JSON.stringify({ stock: 1 }) });
      const order = (orderId: string, lines: object) => fetch(new URL("/orders", worker.url), { method: "POST", body: JSON.stringify({ orderId, lines }) });
      assert.equal((await order("o1", [{ sku: "apple", qty: 2 }, { sku: "pear", qty: 1 }])).status, 201);
      const refused = await order("o2", [{ sku: "apple", qty: 1 }, { sku: "pear", qty: 1 }]);
      assert.equal(refused.status, 409);
      assert.deepEqual(await refused.json(), {
        error: "TransactionCanceledException", message: "not enough stock for pear", shortSkus: ["pear"], duplicate: false,
        reasons: ["None", "ConditionalCheckFailed", "None"],
      });
      assert.deepEqual(await call(worker, "/stock/apple"), { sku: "apple", stock: 3 });
      assert.deepEqual(await call(worker, "/stock/pear"), { sku: "pear", stock: 0 });
    } finally {
      await worker.dispose();
    }
  });
});
