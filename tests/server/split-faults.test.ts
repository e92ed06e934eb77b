/**
 * Faults at every step of a split (docs/SCALING.md, "Splits"), in the local server's objects (the
 * real engine over SQLite files): the new object failing while it is filled, the directory failing
 * during the switch, a step delivered twice, and the parent restarting (its objects closed and
 * opened again from their files) in the middle of the copy and behind the fence. Writers run
 * throughout; afterwards every acknowledged write is present exactly once, the ranges cover the
 * bucket space once, and the split has finished on its own.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DynamoDBServer } from "../../js/server/http-server.js";
import type { NodeDatabaseObject, NodeObjectId } from "../../js/server/node-objects.js";
import { RawDynamoDBClient } from "../../bench/raw-client.js";

type Json = Record<string, any>;
const dir = mkdtempSync(join(tmpdir(), "do-dynamodb-split-faults-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Which internal calls between objects fail (thrown, as an unreachable object's), or run twice. */
interface Faults { fail: Map<string, number>; twice: Set<string>; seen: string[] }

describe("faults during a split", () => {
  let server: DynamoDBServer;
  let raw: RawDynamoDBClient;
  const faults: Faults = { fail: new Map(), twice: new Set(), seen: [] };

  before(async () => {
    server = new DynamoDBServer({ dataDir: dir, shards: 2, split: { bytes: 1e12, requestsPerSecond: 0 } });
    // Every object the namespace hands out (to routers and to splitting objects) goes through the faults.
    const ns = server.namespace;
    const get = ns.get.bind(ns);
    ns.get = (id: NodeObjectId) => {
      const object = get(id);
      return new Proxy(object, {
        get(target, prop) {
          if (prop !== "routerHandle") {
            const value = Reflect.get(target, prop, target);
            return typeof value === "function" ? value.bind(target) : value;
          }
          return (op: string, body: string, from?: unknown) => {
            faults.seen.push(op);
            const left = faults.fail.get(op) ?? 0;
            if (left > 0) {
              faults.fail.set(op, left - 1);
              throw new Error(`injected: ${op} at ${id.name} failed`);
            }
            if (faults.twice.has(op)) target.routerHandle(op, body, from as never);
            return target.routerHandle(op, body, from as never);
          };
        },
      }) as NodeDatabaseObject;
    };
    const { port } = await server.listen(0, "127.0.0.1");
    raw = new RawDynamoDBClient(`http://127.0.0.1:${port}`);
    const created = await raw.send("CreateTable", JSON.stringify({ TableName: "faults", BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] }));
    assert.equal(created.status, 200, created.body);
  });
  after(async () => {
    raw.close();
    await server.close();
  });

  const model = new Map<string, string>();
  async function send(op: string, body: Json): Promise<Json> {
    for (let attempt = 0; ; attempt++) {
      const r = await raw.send(op, JSON.stringify(body));
      if (r.status === 200) return JSON.parse(r.body);
      // A 500 while a split switches over is retried, as SDKs retry it.
      if (r.status !== 500 || attempt > 10) assert.fail(`${op}: ${r.status} ${r.body}`);
    }
  }
  async function own(op: string, body: Json): Promise<Json> {
    const r = await raw.send(op, JSON.stringify(body), "DoDynamoDB_20261207");
    assert.equal(r.status, 200, r.body);
    return JSON.parse(r.body);
  }
  /** Writes (puts and deletes of 300 keys) until stop() resolves. */
  async function writeUntil(stop: Promise<unknown>): Promise<number> {
    let done = false;
    void stop.finally(() => (done = true));
    let n = 0;
    while (!done) {
      const key = `k${n % 300}`;
      if (n % 7 === 6) {
        await send("DeleteItem", { TableName: "faults", Key: { pk: { S: key } } });
        model.delete(key);
      } else {
        await send("PutItem", { TableName: "faults", Item: { pk: { S: key }, v: { S: `v${n}` }, pad: { S: "x".repeat(300) } } });
        model.set(key, `v${n}`);
      }
      n++;
    }
    return n;
  }
  async function shards(): Promise<Json> {
    return own("DescribeShards", { TableName: "faults" });
  }
  async function splitFinished(count: number): Promise<void> {
    for (let i = 0; i < 300; i++) {
      const view = await shards();
      if (view.ShardCount === count && !view.Shards.some((s: Json) => s.Split)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`the split did not finish: ${JSON.stringify(await shards())}`);
  }
  async function checkModel(): Promise<void> {
    const seen = new Map<string, string>();
    let start: Json | undefined;
    do {
      const page = await send("Scan", { TableName: "faults", Limit: 40, ...(start ? { ExclusiveStartKey: start } : {}) });
      for (const item of page.Items) {
        assert.ok(!seen.has(item.pk.S), `${item.pk.S} twice`);
        seen.set(item.pk.S, item.v.S);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    assert.deepEqual(new Map([...seen].sort()), new Map([...model].sort()));
    const ranges = (await shards()).Shards.map((s: Json) => s.Buckets as [number, number]).sort((a: number[], b: number[]) => a[0]! - b[0]!);
    assert.equal(ranges[0][0], 0);
    for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i][0], ranges[i - 1][1]);
    assert.equal(ranges.at(-1)[1], 65536);
  }

  it("the new object failing while it is filled, and each step delivered twice", async () => {
    await writeUntil(new Promise((r) => setTimeout(r, 300)));
    faults.fail.set("@SplitImport", 3);
    faults.twice.add("@SplitImport").add("@SplitAdopt").add("@ShardMapSplit");
    const split = own("SplitShard", { TableName: "faults", Shard: 0 }).then(() => splitFinished(3));
    await writeUntil(split);
    faults.twice.clear();
    assert.equal(faults.fail.get("@SplitImport"), 0, "the child's failures were met");
    await checkModel();
  });

  it("the directory failing during the switch: writes wait behind the fence, then go to the new map", async () => {
    faults.fail.set("@ShardMapSplit", 2);
    const split = own("SplitShard", { TableName: "faults", Shard: 1 }).then(() => splitFinished(4));
    const writes = await writeUntil(split);
    assert.equal(faults.fail.get("@ShardMapSplit"), 0);
    assert.ok(writes > 0);
    await checkModel();
  });

  it("the parent restarting in the middle of the copy and behind the fence", async () => {
    const view = await shards();
    const parent = view.Shards[0].Object as string;
    // The child unreachable: the parent stops after its first step; then it restarts.
    faults.fail.set("@SplitImport", 1_000_000);
    await own("SplitShard", { TableName: "faults", Shard: 0 });
    const writer = writeUntil(new Promise((r) => setTimeout(r, 1500)));
    for (let i = 0; i < 100 && !faults.seen.includes("@SplitImport"); i++) await new Promise((r) => setTimeout(r, 20));
    await writer;
    server.namespace.drop(parent);       // closes its file: what a restart loses is in memory only
    faults.fail.set("@SplitImport", 0);  // the child is back; the reopened parent resumes from its stored phase
    const resumed = writeUntil(splitFinished(5));
    await resumed;
    await checkModel();
    // Behind the fence: the directory fails, the parent restarts, and the switch completes after.
    faults.fail.set("@ShardMapSplit", 1_000_000);
    const next = (await shards()).Shards[1].Object as string;
    await own("SplitShard", { TableName: "faults", Shard: 1 });
    for (let i = 0; i < 200 && !(await shards()).Shards.some((s: Json) => s.Split?.Phase === "FENCED"); i++)
      await new Promise((r) => setTimeout(r, 20));
    server.namespace.drop(next);
    faults.fail.set("@ShardMapSplit", 0);
    await writeUntil(splitFinished(6));
    await checkModel();
  });
});
