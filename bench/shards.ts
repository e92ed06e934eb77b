/**
 * `npm run bench:shards`: what spreading a table over shards costs and how evenly it spreads
 * (docs/SCALING.md). In one run, side by side:
 * - balance: N random partition keys (default 1,000,000), hashed by the engine's @Route as the
 *   router hashes them, over 16 and 256 shards: the largest shard against the mean;
 * - the Worker's HTTP door (harness Worker under Miniflare, one client, 1 request in flight) on a
 *   table of 4 shards and one of 1: PutItem, GetItem, UpdateItem, Query, BatchWriteItem, a
 *   TransactWriteItems of 2 updates whose items are on 2 different shards of the 4 (two-phase
 *   commit; on the 1-shard table, one object's transaction), and a Scan of 10,000 items, in alternating blocks so both see the same machine load; medians of
 *   µs per operation (per item for the Scan) and the 4-shard / 1-shard ratio.
 * Usage: node dist/bench/shards.js [keys] [blocks] [block size]
 */
import { readFileSync } from "node:fs";

import { WasmEngine } from "../js/engine/wasm-engine.js";
import { MemoryHost } from "../js/hosts/memory-host.js";
import { shardOfHash } from "../js/shard/shard-map.js";
import { postOp } from "../tests/support/clients.js";
import { startWorker, type StartedWorker } from "../tests/workerd/miniflare.js";

const [keysArg = "1000000", blocksArg = "9", sizeArg = "100"] = process.argv.slice(2);
const ROOT = new URL("../../", import.meta.url);
const Module = WebAssembly.Module as unknown as new (bytes: Uint8Array) => WebAssembly.Module;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const routeEngine = new WasmEngine(new Module(readFileSync(new URL("build/wasm/engine.wasm", ROOT))), new MemoryHost());

/** The shard of n that partition key pk goes to, as the router computes it. */
function shardOfKey(pk: string, n: number): number {
  const r = routeEngine.handle("@Route", JSON.stringify({ Operation: "GetItem", HashKey: "pk", Request: { Key: { pk: { S: pk } } } }));
  return shardOfHash((JSON.parse(r.body) as { Hash: number }).Hash, n);
}

/** Pairs of partition keys on two different shards of 4. */
const PAIRS: [string, string][] = Array.from({ length: 997 }, (_, i) => {
  const a = `t${i}`;
  let k = 0;
  while (shardOfKey(`t${i}-${k}`, 4) === shardOfKey(a, 4)) k++;
  return [a, `t${i}-${k}`];
});

function balance(keys: number): void {
  const engine = routeEngine;
  const counts = { 16: new Array<number>(16).fill(0), 256: new Array<number>(256).fill(0) };
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < keys; i++) {
    const pk = `user#${Math.floor(random() * 2 ** 32).toString(36)}${Math.floor(random() * 2 ** 32).toString(36)}`;
    const r = engine.handle("@Route", JSON.stringify({ Operation: "GetItem", HashKey: "pk", Request: { Key: { pk: { S: pk } } } }));
    const hash = (JSON.parse(r.body) as { Hash: number }).Hash;
    for (const n of [16, 256] as const) counts[n][shardOfHash(hash, n)]! += 1;
  }
  for (const n of [16, 256] as const) {
    const mean = keys / n;
    const max = Math.max(...counts[n]);
    const min = Math.min(...counts[n]);
    console.log(`balance: ${keys} keys over ${n} shards: largest ${max} = ${(max / mean).toFixed(3)}x mean, smallest ${(min / mean).toFixed(3)}x`);
  }
}

const TABLE = {
  TableName: "bench",
  BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
};
const pad = "x".repeat(150);

type Op = (url: URL, i: number) => Promise<unknown>;
/** A timed request must succeed (a cheap error would flatter the figure). */
async function ok(answer: Promise<{ status: number; body: unknown }>): Promise<unknown> {
  const r = await answer;
  if (r.status !== 200) throw new Error(`bench request failed: ${JSON.stringify(r.body)}`);
  return r;
}
const OPS: Record<string, Op> = {
  PutItem: (url, i) => postOp(url, "PutItem", { TableName: "bench", Item: { pk: { S: `p${i % 997}` }, sk: { S: `s${i}` }, pad: { S: pad } } }),
  GetItem: (url, i) => postOp(url, "GetItem", { TableName: "bench", Key: { pk: { S: `p${i % 997}` }, sk: { S: `s${i}` } } }),
  UpdateItem: (url, i) => postOp(url, "UpdateItem", { TableName: "bench", Key: { pk: { S: `p${i % 997}` }, sk: { S: `s${i}` } },
    UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": { N: "1" } } }),
  Query: (url, i) => postOp(url, "Query", { TableName: "bench", KeyConditionExpression: "pk = :p", Limit: 10,
    ExpressionAttributeValues: { ":p": { S: `p${i % 997}` } } }),
  "TransactWriteItems (2 items on 2 shards)": (url, i) => ok(postOp(url, "TransactWriteItems", { TransactItems: PAIRS[i % 997]!.map((pk) =>
    ({ Update: { TableName: "bench", Key: { pk: { S: pk }, sk: { S: "0" } }, UpdateExpression: "ADD n :one",
      ExpressionAttributeValues: { ":one": { N: "1" } } } })) })),
  BatchWriteItem: (url, i) => postOp(url, "BatchWriteItem", { RequestItems: { bench: Array.from({ length: 25 }, (_, k) =>
    ({ PutRequest: { Item: { pk: { S: `b${(i * 25 + k) % 4999}` }, sk: { S: "0" }, pad: { S: pad } } } })) } }),
};

async function time(url: URL, op: Op, from: number, size: number): Promise<number> {
  const start = performance.now();
  for (let i = from; i < from + size; i++) await op(url, i);
  return ((performance.now() - start) * 1000) / size;
}

async function scanPerItem(url: URL): Promise<number> {
  const start = performance.now();
  let items = 0;
  let esk: unknown;
  do {
    const r = await postOp(url, "Scan", { TableName: "bench", ExclusiveStartKey: esk });
    items += (r.body.Items as unknown[]).length;
    esk = r.body.LastEvaluatedKey;
  } while (esk);
  return ((performance.now() - start) * 1000) / items;
}

async function doors(blocks: number, size: number): Promise<void> {
  const workers: [string, StartedWorker][] = [
    ["4 shards", await startWorker("harness", { bindings: { DYNAMODB_SHARDS: "4", DYNAMODB_AUTH: "off" } })],
    ["1 shard", await startWorker("harness", { bindings: { DYNAMODB_AUTH: "off" } })],
  ];
  try {
    for (const [, w] of workers) await postOp(w.url, "CreateTable", TABLE);
    for (const [name, op] of Object.entries(OPS)) {
      const us: number[][] = workers.map(() => []);
      for (let b = 0; b < blocks; b++)
        for (let k = 0; k < workers.length; k++) {
          const w = (b % 2 === 0 ? k : workers.length - 1 - k);  // alternate who goes first
          us[w]!.push(await time(workers[w]![1].url, op, b * size, size));
        }
      const [sharded, single] = us.map(median);
      console.log(`${name}: 4 shards ${sharded!.toFixed(0)} µs, 1 shard ${single!.toFixed(0)} µs per op: ${(sharded! / single!).toFixed(2)}x`);
    }
    // 10,000 items: fill up with PutItem... the puts above left blocks * size items; top up by batches.
    for (const [, w] of workers) {
      const r = await postOp(w.url, "Scan", { TableName: "bench", Select: "COUNT" });
      for (let i = Number(r.body.Count); i < 10_000; i += 25)
        await postOp(w.url, "BatchWriteItem", { RequestItems: { bench: Array.from({ length: 25 }, (_, k) =>
          ({ PutRequest: { Item: { pk: { S: `f${i + k}` }, sk: { S: "0" }, pad: { S: pad } } } })) } });
    }
    const scans: number[][] = workers.map(() => []);
    for (let b = 0; b < 5; b++) for (let k = 0; k < workers.length; k++) scans[k]!.push(await scanPerItem(workers[k]![1].url));
    const [sharded, single] = scans.map(median);
    console.log(`Scan (>= 10,000 items, all pages): 4 shards ${sharded!.toFixed(1)} µs, 1 shard ${single!.toFixed(1)} µs per item: ${(sharded! / single!).toFixed(2)}x`);
  } finally {
    await Promise.all(workers.map(([, w]) => w.dispose()));
  }
}

balance(Number(keysArg));
await doors(Number(blocksArg), Number(sizeArg));
