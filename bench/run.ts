/**
 * `npm run bench`: one run, three parts, one table.
 * 1. Static figures in Node (bench/static.ts): wasm size, compile and instantiate times, peak wasm
 *    memory while scanning 100k items.
 * 2. Inside workerd (Miniflare, bench/bench-worker.ts): every workload through every door of DOORS
 *    (engine in the DO, engine over the kv host, AWS SDK in process, Worker -> DO RPC, raw sql.exec,
 *    sql.exec + transactionSync, raw kv), each loop time-boxed (BENCH_MS, default 150 ms), doors
 *    interleaved in a rotating order, BENCH_ROUNDS rounds (default 3); a cell is the median round.
 * 3. Over HTTP (bench/http.ts): the AWS SDK against our Worker (workerd) and dynalite (child
 *    process), 1 and 8 requests in flight, BENCH_HTTP_MS per run (default 1000 ms), interleaved,
 *    BENCH_HTTP_ROUNDS rounds (default 2), with server CPU per request.
 * Prints one markdown table (µs per operation, ratio to raw sql.exec; ops/s and CPU over HTTP) and
 * the static figures, and writes everything as JSON to bench/results/. BENCH_SKIP=static,do,http
 * skips parts.
 */
import { type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { startWorker } from "../tests/workerd/miniflare.js";
import type { Timing } from "./bench-worker.js";
import { client, loadServer, processTree, runHttp, type HttpTiming, type Server, startDynalite, startFloors } from "./http.js";
import { staticFigures, type StaticFigures } from "./static.js";
import { WORKLOADS } from "./workloads.js";

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const ROUNDS = env("BENCH_ROUNDS", 3);
const MS = env("BENCH_MS", 150);
const HTTP_ROUNDS = env("BENCH_HTTP_ROUNDS", 2);
const HTTP_MS = env("BENCH_HTTP_MS", 1000);
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(","));
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map(Number)) : null;
const workloads = WORKLOADS.map((w, i) => ({ w, i })).filter(({ i }) => !ONLY || ONLY.has(i));

/** The doors measured inside workerd, in column order; `limit` is what ratios divide by. */
const DO_DOORS = [
  { door: "engine", title: "engine in DO" },
  { door: "engine-kv", title: "engine in DO, kv host" },
  { door: "client", title: "our DynamoDBClient in DO" },
  { door: "doc-client", title: "our DynamoDBDocumentClient in DO" },
  { door: "sdk", title: "AWS SDK in DO (in-process handler)" },
  { door: "rpc", title: "Worker → DO RPC (stub.handle)" },
  { door: "http-handler", title: "Worker's HTTP handler, no socket (+RPC)" },
  { door: "sql", title: "raw sql.exec (limit)" },
  { door: "sql-txn", title: "raw sql.exec + transactionSync" },
  { door: "kv", title: "raw ctx.storage.kv" },
] as const;
const LIMIT = "sql";
// BENCH_DOORS=engine,engine-txn,sql measures only those doors (A/B runs); "sql" must be one of them.
const doorsOf = (names: string | undefined) =>
  names ? names.split(",").map((door) => ({ door, title: door })) : DO_DOORS.map((d) => ({ ...d }));
const DOORS_RUN = doorsOf(process.env.BENCH_DOORS);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const usPerOp = (t: { ops: number; ms: number }) => (t.ms * 1000) / t.ops;
const fmt = (x: number) => (Number.isNaN(x) ? "n/a" : x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(x >= 10 ? 1 : 2));

async function runInWorkerd(): Promise<Record<string, Record<string, Timing[]>>> {
  const worker = await startWorker("bench-worker");
  const post = async (path: string) => {
    const res = await fetch(new URL(path, worker.url), { method: "POST" });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const out: Record<string, Record<string, Timing[]>> = {};
  try {
    const t = performance.now();
    console.error(`setup: ${JSON.stringify(await post("/setup"))} in ${Math.round(performance.now() - t)} ms`);
    // Warm-up: every door once on every workload (JIT, statement cache).
    for (const { i } of workloads) for (const { door } of DOORS_RUN) await post(`/run?door=${door}&w=${i}&tag=${door}w&ms=20&min=1`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const { w, i } of workloads) {
        const doors = DOORS_RUN.map((_, k) => DOORS_RUN[(k + round + i) % DOORS_RUN.length]!);
        for (const { door } of doors) {
          const timing = (await post(`/run?door=${door}&w=${i}&tag=${door}${round}&ms=${MS}&min=3`)) as Timing;
          ((out[w.name] ??= {})[door] ??= []).push(timing);
        }
      }
      console.error(`workerd round ${round + 1}/${ROUNDS} done`);
    }
  } finally {
    await worker.dispose();
  }
  return out;
}

async function runOverHttp(): Promise<Record<string, Record<string, HttpTiming[]>>> {
  const out: Record<string, Record<string, HttpTiming[]>> = {};
  const unsupported = new Set<string>();
  let dynaliteChild: ChildProcess | null = null;
  const worker = await startWorker("worker");
  try {
    const dyn = await startDynalite();
    dynaliteChild = dyn.child;
    const ours: Server = {
      name: "ours",
      endpoint: worker.url.href.replace(/\/$/, ""),
      pids: processTree(process.pid).filter((p) => p !== process.pid && !processTree(dyn.child.pid!).includes(p)),
    };
    const comms = ours.pids.map((p) => readFileSync(`/proc/${p}/comm`, "utf8").trim());
    console.error(`our server processes: ${ours.pids.map((p, k) => `${p} (${comms[k]})`).join(", ")}`);
    const servers = [
      { server: ours, c: client(ours.endpoint) },
      { server: dyn.server, c: client(dyn.server.endpoint) },
    ];
    for (const { server, c } of servers) {
      const t = performance.now();
      await loadServer(c);
      console.error(`loaded ${server.name} in ${Math.round(performance.now() - t)} ms`);
    }
    // Warm-up.
    for (const { w } of workloads) {
      for (const { server, c } of servers) {
        await runHttp(server, c, w, `${server.name}w`, 1, 20).catch((err: Error) => {
          if (err.name !== "UnknownOperationException") throw err;
          unsupported.add(`${server.name}:${w.name}`);
        });
      }
    }
    for (let round = 0; round < HTTP_ROUNDS; round++) {
      for (const { w } of workloads) {
        for (const inFlight of [1, 8]) {
          const order = (round + inFlight) % 2 === 0 ? servers : [...servers].reverse();
          for (const { server, c } of order) {
            if (unsupported.has(`${server.name}:${w.name}`)) continue;
            try {
              const timing = await runHttp(server, c, w, `h${server.name}${inFlight}r${round}`, inFlight, HTTP_MS);
              ((out[w.name] ??= {})[`${server.name}@${inFlight}`] ??= []).push(timing);
            } catch (err) {
              // dynalite 4 has no TransactWriteItems.
              if ((err as Error).name !== "UnknownOperationException") throw err;
              unsupported.add(`${server.name}:${w.name}`);
            }
          }
        }
      }
      console.error(`http round ${round + 1}/${HTTP_ROUNDS} done`);
    }
    // The floors: what one HTTP request costs each runtime with no work behind it (GetItem's shape).
    const floors = await startFloors();
    try {
      const get = WORKLOADS.find((w) => w.name === "GetItem")!;
      const fs = floors.servers.map((server) => ({ server, c: client(server.endpoint) }));
      for (const { server, c } of fs) await runHttp(server, c, get, "floor", 1, 50);
      for (let round = 0; round < HTTP_ROUNDS; round++) {
        for (const inFlight of [1, 8]) {
          for (const { server, c } of round % 2 === 0 ? fs : [...fs].reverse()) {
            ((out["floor"] ??= {})[`${server.name}@${inFlight}`] ??= []).push(await runHttp(server, c, get, "floor", inFlight, HTTP_MS));
          }
        }
      }
    } finally {
      await floors.stop();
    }
  } finally {
    if (dynaliteChild?.pid) process.kill(dynaliteChild.pid);
    await worker.dispose();
  }
  return out;
}

/** Sums a list of runs (ops, time, CPU) into one. */
function total(ts: HttpTiming[]): HttpTiming {
  return ts.reduce((a, t) => ({ ops: a.ops + t.ops, ms: a.ms + t.ms, serverCpuS: a.serverCpuS + t.serverCpuS, clientCpuS: a.clientCpuS + t.clientCpuS }));
}

const started = new Date();
const stat: StaticFigures | null = SKIP.has("static") ? null : staticFigures();
if (stat) console.error("static figures done");
const inDo = SKIP.has("do") ? {} : await runInWorkerd();
mkdirSync(new URL("../../bench/results/", import.meta.url), { recursive: true });
writeFileSync(new URL("../../bench/results/last-workerd.json", import.meta.url), JSON.stringify({ stat, inDo }, null, 2) + "\n");
const http = SKIP.has("http") ? {} : await runOverHttp();

// The table: one row per workload.
const head = [
  "workload",
  ...DOORS_RUN.map((d) => `${d.title}: µs/op (×limit)`),
  "HTTP ops/s, ours / dynalite, 1 in flight",
  "HTTP ops/s, ours / dynalite, 8 in flight",
  "server CPU µs/op, ours / dynalite (ratio)",
];
const lines = [`| ${head.join(" | ")} |`, `| --- |${head.slice(1).map(() => " ---: |").join("")}`];
const summary: Record<string, unknown>[] = [];
for (const { w } of workloads) {
  const row = inDo[w.name] ?? {};
  const us: Record<string, number> = {};
  for (const { door } of DOORS_RUN) if (row[door]) us[door] = median(row[door]!.map(usPerOp));
  const h = http[w.name] ?? {};
  const rate = (k: string) => (h[k] ? (total(h[k]!).ops / total(h[k]!).ms) * 1000 : NaN);
  const cpu = (server: string) => {
    const ts = [...(h[`${server}@1`] ?? []), ...(h[`${server}@8`] ?? [])];
    return ts.length ? (total(ts).serverCpuS * 1e6) / total(ts).ops : NaN;
  };
  const cells = [
    w.name,
    ...DOORS_RUN.map(({ door }) => (us[door] === undefined ? "–" : `${fmt(us[door]!)} (${(us[door]! / us[LIMIT]!).toFixed(2)}×)`)),
    `${fmt(rate("ours@1"))} / ${fmt(rate("dynalite@1"))}`,
    `${fmt(rate("ours@8"))} / ${fmt(rate("dynalite@8"))}`,
    `${fmt(cpu("ours"))} / ${fmt(cpu("dynalite"))}${Number.isNaN(cpu("dynalite")) ? "" : ` (${(cpu("ours") / cpu("dynalite")).toFixed(2)})`}`,
  ];
  lines.push(`| ${cells.join(" | ")} |`);
  summary.push({
    workload: w.name,
    usPerOp: us,
    httpOpsPerSec: Object.fromEntries(Object.keys(h).map((k) => [k, rate(k)])),
    serverCpuUsPerOp: { ours: cpu("ours"), dynalite: cpu("dynalite") },
    clientCpuUsPerOp: Object.fromEntries(Object.keys(h).map((k) => [k, (total(h[k]!).clientCpuS * 1e6) / total(h[k]!).ops])),
  });
}

console.log(`\n${started.toISOString()}, Node ${process.version}, Miniflare (workerd); in workerd: median of ${ROUNDS} rounds of ${MS} ms per cell; HTTP: ${HTTP_ROUNDS} rounds of ${HTTP_MS} ms per cell; ×limit = time per op / raw sql.exec's\n`);
console.log(lines.join("\n"));
if (stat) {
  console.log(`\nengine.wasm ${(stat.wasmBytes / 1024).toFixed(0)} KB raw, ${(stat.wasmGzipBytes / 1024).toFixed(1)} KB gzipped; compile ${stat.compileFirstMs.toFixed(2)} ms first (${stat.compileMs.toFixed(2)} ms median of 15: V8 caches by bytes), instantiate + _initialize ${stat.instantiateMs.toFixed(3)} ms (Node, median of 15); wasm memory ${(stat.memoryAfterLoadBytes / 2 ** 20).toFixed(1)} MiB after loading ${stat.scanItems} items, peak ${(stat.memoryPeakScanBytes / 2 ** 20).toFixed(1)} MiB over a ${stat.scanPages}-page Scan of them`);
}
const floor = http["floor"];
if (floor) {
  const f = (k: string) => {
    const ts = [...(floor[`${k}@1`] ?? []), ...(floor[`${k}@8`] ?? [])];
    return { cpu: ts.length ? (total(ts).serverCpuS * 1e6) / total(ts).ops : NaN, rate8: floor[`${k}@8`] ? (total(floor[`${k}@8`]!).ops / total(floor[`${k}@8`]!).ms) * 1000 : NaN };
  };
  const wf = f("workerd-floor");
  const nf = f("node-floor");
  console.log(`\nHTTP floors (a server answering {} at once, GetItem-shaped requests from the same SDK client): workerd under Miniflare ${fmt(wf.cpu)} µs CPU/request, ${fmt(wf.rate8)} req/s at 8 in flight; bare node:http ${fmt(nf.cpu)} µs CPU/request, ${fmt(nf.rate8)} req/s at 8 in flight`);
  summary.push({ workload: "floor", serverCpuUsPerOp: { workerd: wf.cpu, node: nf.cpu }, httpOpsPerSec8: { workerd: wf.rate8, node: nf.rate8 } });
}
const dir = new URL("../../bench/results/", import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`bench-${started.toISOString().replace(/[:.]/g, "-")}.json`, dir);
writeFileSync(file, JSON.stringify({ date: started.toISOString(), node: process.version, rounds: ROUNDS, ms: MS, httpRounds: HTTP_ROUNDS, httpMs: HTTP_MS, static: stat, summary, raw: { inDo, http } }, null, 2) + "\n");
console.log(`\nwrote ${file.pathname}`);
