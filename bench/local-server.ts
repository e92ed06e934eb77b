/**
 * `npm run bench:local`: the local server (`do-dynamodb --in-memory`, its own process) against
 * dynalite (in-memory, its own process), side by side in one run, with the raw SigV4 client
 * (raw-client.ts; the AWS SDK's own CPU would cap the measurement), for every workload of the
 * bench's HTTP table, at 1 and 8 requests in flight: requests/s and server CPU per request
 * (/proc utime + stime). Rounds alternate which server goes first. Knobs: BENCH_HTTP_ROUNDS (3),
 * BENCH_HTTP_MS (1000), BENCH_ONLY=0,2 (workload indexes).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { client, loadServer, type Server, serverCpu, startDynalite } from "./http.js";
import { RawDynamoDBClient } from "./raw-client.js";
import { WORKLOADS, type Workload } from "./workloads.js";

const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
const MS = Number(process.env.BENCH_HTTP_MS ?? 1000);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map(Number)) : null;
const CLI = fileURLToPath(new URL("../js/server/cli.js", import.meta.url));

async function startLocal(): Promise<{ server: Server; stop(): void }> {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--in-memory"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`do-dynamodb exited with ${code}`)));
  });
  return { server: { name: "do-dynamodb", endpoint: `http://127.0.0.1:${port}`, pids: [child.pid!] }, stop: () => child.kill() };
}

/** One run of w for about MS ms; requests/s and server CPU µs per request, or null if unsupported. */
async function measure(server: Server, c: RawDynamoDBClient, w: Workload, tag: string, inFlight: number): Promise<{ rate: number; cpuUs: number } | null> {
  let next = 0;
  let ops = 0;
  let unsupported = false;
  const cpu0 = serverCpu(server);
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (!unsupported && (performance.now() < start + MS || next < 1)) {
      const req = w.request(next++, tag);
      let input = req.input;
      for (;;) {
        const r = await c.send(req.op, JSON.stringify(input));
        if (r.status !== 200) {
          if (r.body.includes("UnknownOperationException")) return void (unsupported = true);
          if (!req.fails || !r.body.includes(req.fails)) throw new Error(`${server.name} ${req.op}: ${r.status} ${r.body.slice(0, 300)}`);
          break;
        }
        if (req.fails) throw new Error(`${req.op} should fail with ${req.fails}`);
        const last = w.paged ? (JSON.parse(r.body) as { LastEvaluatedKey?: unknown }).LastEvaluatedKey : undefined;
        if (!last) break;
        input = { ...input, ExclusiveStartKey: last };
      }
      ops++;
    }
  }));
  if (unsupported) return null;
  const s = (performance.now() - start) / 1000;
  return { rate: ops / s, cpuUs: ((serverCpu(server) - cpu0) / ops) * 1e6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1));

const local = await startLocal();
const dyn = await startDynalite();
const servers = [local.server, dyn.server];
try {
  for (const s of servers) await loadServer(client(s.endpoint));
  const clients = new Map(servers.map((s) => [s.name, new RawDynamoDBClient(s.endpoint, { maxSockets: 8 })]));
  const workloads = WORKLOADS.map((w, i) => ({ w, i })).filter(({ i }) => !ONLY || ONLY.has(i));
  const results = new Map<string, { rate: number; cpuUs: number }[]>();
  for (const { w } of workloads) for (const s of servers) await measure(s, clients.get(s.name)!, w, `${s.name}warm`, 1);
  for (let round = 0; round < ROUNDS; round++) {
    for (const { w } of workloads) {
      for (const inFlight of [1, 8]) {
        for (const s of (round + inFlight) % 2 === 0 ? servers : [...servers].reverse()) {
          const m = await measure(s, clients.get(s.name)!, w, `r${s.name}${inFlight}x${round}`, inFlight);
          if (m) ((results.get(`${w.name}|${s.name}|${inFlight}`) ?? results.set(`${w.name}|${s.name}|${inFlight}`, []).get(`${w.name}|${s.name}|${inFlight}`))!).push(m);
        }
      }
    }
    console.error(`round ${round + 1}/${ROUNDS} done`);
  }
  console.log("| workload | req/s at 1 in flight, do-dynamodb / dynalite (×) | at 8 in flight (×) | server CPU µs/request at 8, do-dynamodb / dynalite (×) |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const { w } of workloads) {
    const get = (s: string, n: number) => results.get(`${w.name}|${s}|${n}`);
    const cell = (n: number) => {
      const a = get("do-dynamodb", n), b = get("dynalite", n);
      if (!a) return "n/a";
      const ra = median(a.map((m) => m.rate));
      if (!b) return `${fmt(ra)} / n/a`;
      const rb = median(b.map((m) => m.rate));
      return `${fmt(ra)} / ${fmt(rb)} (${(ra / rb).toFixed(2)}×)`;
    };
    const a = get("do-dynamodb", 8), b = get("dynalite", 8);
    const cpu = a ? (b ? `${fmt(median(a.map((m) => m.cpuUs)))} / ${fmt(median(b.map((m) => m.cpuUs)))} (${(median(a.map((m) => m.cpuUs)) / median(b.map((m) => m.cpuUs))).toFixed(2)}×)` : `${fmt(median(a.map((m) => m.cpuUs)))} / n/a`) : "n/a";
    console.log(`| ${w.name} | ${cell(1)} | ${cell(8)} | ${cpu} |`);
  }
  for (const c of clients.values()) c.close();
} finally {
  local.stop();
  dyn.child.kill();
}
