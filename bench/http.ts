/**
 * Over HTTP, like for like: the same real AWS SDK v3 client (Node, keep-alive, loopback) drives our
 * Worker (worker/index.ts under Miniflare's workerd, auth "any-signature") and dynalite (npm, in
 * its own child process, in-memory). The client is a bottleneck at this scale, so besides
 * throughput at 1 and 8 requests in flight each run reads the server processes' CPU time
 * (utime + stime from /proc/<pid>/stat, every process of the server's tree) and divides by the
 * requests served: server CPU per request.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import {
  BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand,
  ScanCommand, TransactWriteItemsCommand, UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { allTables, loadRequests, type Request, type Workload } from "./workloads.js";

const COMMANDS: Record<string, new (input: any) => any> = {
  PutItem: PutItemCommand,
  GetItem: GetItemCommand,
  UpdateItem: UpdateItemCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  BatchWriteItem: BatchWriteItemCommand,
  TransactWriteItems: TransactWriteItemsCommand,
};

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** CPU seconds (user + system) of pid, or 0 if it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** pid and all its descendants (from /proc). */
export function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

export interface Server {
  name: string;
  endpoint: string;
  /** The processes whose CPU counts as the server's. */
  pids: number[];
}

export const serverCpu = (s: Server) => s.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

/** Starts dynalite (in-memory, tables active at once) in a child process on a free port. */
export async function startDynalite(): Promise<{ server: Server; child: ChildProcess }> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("dynalite/package.json"));
  const script = `const d = require(${JSON.stringify(dir)})({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
d.listen(0, "127.0.0.1", () => console.log("PORT " + d.address().port));`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`dynalite exited with ${code}`)));
  });
  return { server: { name: "dynalite", endpoint: `http://127.0.0.1:${port}`, pids: [child.pid!] }, child };
}

export function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    // Retries only cover a kept-alive connection the server closed (socket hang up).
    maxAttempts: 3,
  });
}

async function send(c: DynamoDBClient, req: Request): Promise<Record<string, unknown>> {
  try {
    const out = (await c.send(new COMMANDS[req.op]!(req.input))) as unknown as Record<string, unknown>;
    if (req.fails) throw new Error(`${req.op} should fail with ${req.fails}`);
    return out;
  } catch (err) {
    if (req.fails && (err as Error).name === req.fails) return {};
    throw err;
  }
}

/** Creates every workload's tables on a server and loads their items (8 BatchWriteItem in flight). */
export async function loadServer(c: DynamoDBClient): Promise<void> {
  for (const t of allTables()) await c.send(new CreateTableCommand(t as any));
  const reqs = loadRequests();
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < reqs.length) {
      const out = await c.send(new BatchWriteItemCommand(reqs[next++] as any));
      if (out.UnprocessedItems && Object.keys(out.UnprocessedItems).length > 0) throw new Error("unprocessed items while loading");
    }
  }));
}

export interface HttpTiming {
  ops: number;
  ms: number;
  /** Server CPU seconds used during the run. */
  serverCpuS: number;
  /** This (client) process's CPU seconds during the run. */
  clientCpuS: number;
}

/** Runs workload w against server with `inFlight` concurrent loops for about budgetMs. */
export async function runHttp(server: Server, c: DynamoDBClient, w: Workload, tag: string, inFlight: number, budgetMs: number): Promise<HttpTiming> {
  let next = 0;
  let ops = 0;
  const cpu0 = serverCpu(server);
  const client0 = process.cpuUsage();
  const start = performance.now();
  const deadline = start + budgetMs;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (performance.now() < deadline || next < 1) {
      const i = next++;
      const req = w.request(i, tag);
      let out = await send(c, req);
      while (w.paged && out.LastEvaluatedKey) out = await send(c, { ...req, input: { ...req.input, ExclusiveStartKey: out.LastEvaluatedKey } });
      ops++;
    }
  }));
  const ms = performance.now() - start;
  const clientCpu = process.cpuUsage(client0);
  return { ops, ms, serverCpuS: serverCpu(server) - cpu0, clientCpuS: (clientCpu.user + clientCpu.system) / 1e6 };
}

const FLOOR_BODY = "{}";

/**
 * The floors: servers that answer every request with `{}` at once, so their CPU per request is what
 * HTTP alone costs each runtime. workerd under Miniflare (its entry worker included, as under
 * `wrangler dev`) for us; a bare node:http server, in its own process, for dynalite.
 */
export async function startFloors(): Promise<{ servers: Server[]; stop(): Promise<void> }> {
  const { Miniflare } = await import("miniflare");
  const before = new Set(processTree(process.pid));
  const mf = new Miniflare({
    modules: true,
    script: `export default { async fetch(request) { await request.arrayBuffer(); return new Response(${JSON.stringify(FLOOR_BODY)}, { headers: { "content-type": "application/x-amz-json-1.0" } }); } };`,
    compatibilityDate: "2026-04-26",
    host: "127.0.0.1",
    port: 0,
  });
  const url = await mf.ready;
  const workerdPids = processTree(process.pid).filter((p) => !before.has(p));
  const script = `const s = require("node:http").createServer((q, r) => { q.resume(); q.on("end", () => { r.writeHead(200, { "content-type": "application/x-amz-json-1.0" }); r.end(${JSON.stringify(FLOOR_BODY)}); }); });
s.listen(0, "127.0.0.1", () => console.log("PORT " + s.address().port));`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`node floor exited with ${code}`)));
  });
  return {
    servers: [
      { name: "workerd-floor", endpoint: url.href.replace(/\/$/, ""), pids: workerdPids },
      { name: "node-floor", endpoint: `http://127.0.0.1:${port}`, pids: [child.pid!] },
    ],
    async stop() {
      if (child.pid) process.kill(child.pid);
      await mf.dispose();
    },
  };
}
