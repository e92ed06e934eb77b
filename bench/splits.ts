/**
 * `npm run bench:splits`: what a split costs (docs/SCALING.md, "Splits"), through the Worker's HTTP
 * door under Miniflare (the harness Worker, a table of 2 shards, automatic splits off):
 * - the copy: MB of items a SplitShard hands over, the time until the split is done, so seconds
 *   per MB, and that extrapolated to the half of a full 8 GB shard a size split moves;
 * - ongoing writes (4 clients, PutItem of 1 KB items to random keys) in the 2 s before the split
 *   and while it runs: throughput and latency p50/p99, and their ratios;
 * - a simulated 1,000-shard table: the routing state a router keeps, and splits a day for a table
 *   growing at a stated rate.
 * Usage: node dist/bench/splits.js [MB to load]
 */
import { postOp } from "../tests/support/clients.js";
import { startWorker } from "../tests/workerd/miniflare.js";

const [mbArg = "8"] = process.argv.slice(2);
const ITEM_BYTES = 1000;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function own(url: URL, op: string, body: unknown): Promise<Record<string, any>> {
  const res = await fetch(url, { method: "POST", body: JSON.stringify(body),
    headers: { "X-Amz-Target": `DoDynamoDB_20261207.${op}`, "Content-Type": "application/x-amz-json-1.0" } });
  if (res.status !== 200) throw new Error(`${op}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, any>;
}

/** Puts from 4 clients until stop() resolves: latencies in ms. */
async function write(url: URL, stop: Promise<unknown>): Promise<{ latencies: number[]; seconds: number }> {
  let done = false;
  void stop.finally(() => (done = true));
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all([0, 1, 2, 3].map(async (c) => {
    for (let i = 0; !done; i++) {
      const t = performance.now();
      const r = await postOp(url, "PutItem", { TableName: "bench", Item: { pk: { S: `w${c}-${i % 5000}` }, pad: { S: "w".repeat(ITEM_BYTES) } } });
      if (r.status !== 200) throw new Error(`PutItem: ${r.status} ${JSON.stringify(r.body)}`);
      latencies.push(performance.now() - t);
    }
  }));
  return { latencies, seconds: (performance.now() - start) / 1000 };
}

async function main(): Promise<void> {
  const w = await startWorker("harness", { bindings: { DYNAMODB_SHARDS: "2", DYNAMODB_AUTH: "off", DYNAMODB_SPLIT_RPS: "0" } });
  try {
    const created = await postOp(w.url, "CreateTable", { TableName: "bench", BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] });
    if (created.status !== 200) throw new Error(JSON.stringify(created.body));
    const items = Math.round((Number(mbArg) * 1e6) / ITEM_BYTES);
    for (let b = 0; b < items / 25; b++)
      await postOp(w.url, "BatchWriteItem", { RequestItems: { bench: Array.from({ length: 25 }, (_, i) => ({
        PutRequest: { Item: { pk: { S: `load-${b * 25 + i}` }, pad: { S: "l".repeat(ITEM_BYTES) } } } })) } });
    const before = await write(w.url, new Promise((r) => setTimeout(r, 2000)));
    const shard0 = (await own(w.url, "DescribeShards", { TableName: "bench" })).Shards[0];
    const started = performance.now();
    let splitSeconds = 0;
    const split = (async () => {
      await own(w.url, "SplitShard", { TableName: "bench", Shard: 0 });
      for (;;) {
        const view = await own(w.url, "DescribeShards", { TableName: "bench" });
        if (view.ShardCount === 3 && !view.Shards.some((s: Record<string, unknown>) => s.Split)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      splitSeconds = (performance.now() - started) / 1000;
    })();
    const during = await write(w.url, split);
    // Half of shard 0's items moved (its upper buckets): about half of the loaded data's half.
    const movedMB = (items / 4) * (ITEM_BYTES + 30) / 1e6;
    const perMB = splitSeconds / movedMB;
    const rate = (x: { latencies: number[]; seconds: number }) => x.latencies.length / x.seconds;
    console.log(`split of shard 0 (${shard0.Buckets.join("-")}): ~${movedMB.toFixed(2)} MB moved in ${splitSeconds.toFixed(2)} s ` +
      `= ${perMB.toFixed(2)} s/MB; a full 8 GB shard's 4 GB half: ${((perMB * 4096) / 60).toFixed(0)} min`);
    console.log(`writes before: ${rate(before).toFixed(0)}/s, p50 ${percentile(before.latencies, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(before.latencies, 0.99).toFixed(1)} ms`);
    console.log(`writes during: ${rate(during).toFixed(0)}/s, p50 ${percentile(during.latencies, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(during.latencies, 0.99).toFixed(1)} ms (throughput ${(rate(during) / rate(before)).toFixed(2)}x, ` +
      `p99 ${(percentile(during.latencies, 0.99) / percentile(before.latencies, 0.99)).toFixed(2)}x)`);
  } finally {
    await w.dispose();
  }
  simulate();
}

/**
 * A 1,000-shard table on paper: the map a router holds (its JSON as @ShardMap sends it), the
 * directory's load from map refreshes (each split makes every router that meets the moved half
 * fetch the map once), and the splits a day of a table growing at a given rate (each size split
 * adds half a threshold of headroom).
 */
function simulate(): void {
  const shards = 1000;
  const ranges = Array.from({ length: shards }, (_, i) => ({ Lo: Math.floor((i * 65536) / shards), Hi: Math.floor(((i + 1) * 65536) / shards),
    Object: `/0f8fad5b-d9cb-469f-a165-70867728950e/r${Math.floor((i * 65536) / shards)}` }));
  const mapBytes = JSON.stringify({ TableId: "0f8fad5b-d9cb-469f-a165-70867728950e", Shards: 16, HashKey: "pk", LocalIndexes: [], Ranges: ranges, Version: 984 }).length;
  console.log(`1,000 shards: the map is ${(mapBytes / 1024).toFixed(1)} KB (JSON), ${((shards * 24) / 1024).toFixed(1)} KB as the router keeps it (3 numbers and a name per range)`);
  for (const gbPerDay of [10, 100, 1000]) {
    const splits = (gbPerDay * 1024 ** 3) / (4 * 1024 ** 3);  // each size split frees half of 8 GB
    console.log(`growing ${gbPerDay} GB/day: ${splits.toFixed(1)} splits/day; with 10,000 router isolates each refreshing once per split: ` +
      `${((splits * 10_000) / 86_400).toFixed(2)} map reads/s at the directory`);
  }
}

await main();
