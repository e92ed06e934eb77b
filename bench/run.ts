/**
 * `npm run bench`: starts Miniflare on the benchmark Worker, runs a warm-up round and then one
 * measured round of N operations per path inside one Durable Object (BENCH_N, default 5000),
 * prints a markdown table of ops/s with each path's ratio to raw sql.exec, and writes the figures as
 * JSON to bench/results/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { startWorker } from "../tests/workerd/miniflare.js";
import type { BenchRow } from "./bench-worker.js";

const n = Number(process.env.BENCH_N ?? "5000");
const worker = await startWorker("bench-worker");

async function round(ops: number, name: string): Promise<BenchRow[]> {
  const res = await fetch(new URL(`/run?n=${ops}&round=${name}`, worker.url), { method: "POST" });
  if (!res.ok) throw new Error(`bench failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as BenchRow[];
}

try {
  await round(Math.min(n, 200), "warmup");
  const rows = await round(n, "measured");
  const rate = (r: BenchRow) => (r.ops / r.ms) * 1000;
  const table = rows.map((r) => {
    const base = rows.find((x) => x.limit && x.kind === r.kind)!;
    return { name: r.name, kind: r.kind, ops: r.ops, ms: r.ms, opsPerSec: rate(r), ratioToSql: rate(r) / rate(base) };
  });
  console.log(`\nN = ${n} operations per path, one Durable Object, Miniflare (workerd), Node ${process.version}\n`);
  console.log("| path | ops/s | µs/op | vs sql.exec |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const r of table) {
    console.log(`| ${r.name} | ${Math.round(r.opsPerSec).toLocaleString("en-US")} | ${((r.ms * 1000) / r.ops).toFixed(1)} | ${r.ratioToSql.toFixed(2)} |`);
  }
  const dir = new URL("../../bench/results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, dir);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, n, rows: table }, null, 2) + "\n");
  console.log(`\nwrote ${file.pathname}`);
} finally {
  await worker.dispose();
}
