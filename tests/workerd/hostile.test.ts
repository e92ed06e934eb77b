/**
 * The hostile-input corpus (tests/hostile/corpus.ts) through the workerd front doors, under
 * Miniflare with the harness Worker: HTTP (DynamoDB's JSON protocol through the Worker's routes
 * into the Durable Object), and the Durable Object's RPC method handle(op, body) (called from the
 * Worker's test route, so that errors arrive as answers, not as Miniflare's proxy exception). Each
 * door has its own database (one Durable Object) holding the fixture; around every request the SQL
 * kv table's digest (SHA-256 of every row) must stay the same.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CORPUS, FIXTURE, bodyBytes, mismatch, type HostileCase } from "../hostile/corpus.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

let worker: StartedWorker;

before(async () => {
  worker = await startWorker("harness", { bindings: { DYNAMODB_AUTH: "off" } });
});
after(() => worker.dispose());

async function digest(db: string): Promise<string> {
  const res = await fetch(new URL(`/__test/kv-digest/${db}`, worker.url));
  const d = (await res.json()) as { count: number; sha256: string };
  return `${d.count}:${d.sha256}`;
}

type Send = (c: Pick<HostileCase, "op" | "body">) => Promise<{ status: number; body: string }>;

const doors: { name: string; db: string; send: (db: string) => Send }[] = [
  {
    name: "HTTP",
    db: "hostile-http",
    send: (db) => async (c) => {
      const res = await fetch(new URL(`/${db}`, worker.url), {
        method: "POST",
        headers: { "X-Amz-Target": `DynamoDB_20120810.${c.op}`, "Content-Type": "application/x-amz-json-1.0" },
        body: bodyBytes(c.body),
      });
      return { status: res.status, body: await res.text() };
    },
  },
  {
    name: "DO RPC",
    db: "hostile-rpc",
    send: (db) => async (c) => {
      const res = await fetch(new URL(`/__test/rpc/${db}?op=${encodeURIComponent(c.op)}`, worker.url), {
        method: "POST",
        body: bodyBytes(c.body),
      });
      assert.equal(res.status, 200, "the rpc route failed");
      return (await res.json()) as { status: number; body: string };
    },
  },
];

for (const door of doors) {
  describe(`hostile corpus: ${door.name} into workerd`, () => {
    let send: Send;
    before(async () => {
      send = door.send(door.db);
      for (const step of FIXTURE) {
        const r = await send(step);
        assert.equal(r.status, 200, `fixture ${step.op}: ${r.body}`);
      }
    });
    for (const c of CORPUS) {
      test(c.name, c.todo ? { todo: c.todo } : {}, async () => {
        const before = await digest(door.db);
        const r = await send(c);
        const bad = mismatch(c, r.status, r.body);
        assert.equal(await digest(door.db), before, "the kv table changed");
        if (bad) assert.fail(bad);
      });
    }
  });
}
