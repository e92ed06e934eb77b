/**
 * The soak run (`npm run soak`): 1,000,000 requests of the mixed workload (workload.ts) to one
 * engine, sampling the wasm linear memory (memoryBytes(), which only grows, so each sample is the
 * peak so far) every 10,000 requests, and failing if it grows after the warm-up (the first 10%).
 *   node dist/tests/soak/soak.js [requests] [--do]
 * Default: the Node engine over a MemoryHost. --do: inside one Durable Object under Miniflare
 * (the harness Worker's /__test/soak route runs the workload in the object over its SQL storage,
 * 2,000 requests per call: one call of 10,000 under a loaded machine had its connection reset).
 */
import { createNodeEngine } from "../../js/node.js";
import { startWorker } from "../workerd/miniflare.js";
import { SOAK_TABLES, newTally, runSoak, type SoakTally } from "./workload.js";

export interface SoakResult {
  tally: SoakTally;
  /** [requests so far, memory bytes] */
  samples: [number, number][];
  warmBytes: number;
  maxBytes: number;
  seconds: number;
}

const STEP = 10_000;
const DO_STEP = 2_000;

/** Runs `total` requests in the Node engine. */
export function soakNode(total: number, step = STEP): SoakResult {
  const engine = createNodeEngine();
  for (const t of SOAK_TABLES) engine.handle(t.op, JSON.stringify(t.body));
  const tally = newTally();
  const samples: [number, number][] = [];
  const start = Date.now();
  for (let done = 0; done < total; done += step) {
    runSoak((op, body) => engine.handle(op, body), done, Math.min(step, total - done), tally);
    samples.push([tally.requests, engine.memoryBytes()]);
  }
  return summarise(tally, samples, start);
}

function summarise(tally: SoakTally, samples: [number, number][], start: number): SoakResult {
  const warm = samples[Math.max(0, Math.floor(samples.length / 10) - 1)]![1];
  return { tally, samples, warmBytes: warm, maxBytes: Math.max(...samples.map((s) => s[1])), seconds: (Date.now() - start) / 1000 };
}

async function soakDurableObject(total: number): Promise<SoakResult> {
  const worker = await startWorker("harness", { bindings: { DYNAMODB_AUTH: "off" } });
  try {
    const tally = newTally();
    const samples: [number, number][] = [];
    const start = Date.now();
    for (let done = 0; done < total; done += DO_STEP) {
      const n = Math.min(DO_STEP, total - done);
      const res = await postRetrying(new URL(`/__test/soak/soak?from=${done}&n=${n}&setup=${done === 0 ? 1 : 0}`, worker.url));
      const got = (await res.json()) as { tally: SoakTally; memoryBytes: number };
      tally.requests += got.tally.requests;
      tally.ok += got.tally.ok;
      tally.errors += got.tally.errors;
      tally.unexpected += got.tally.unexpected;
      tally.samples.push(...got.tally.samples.slice(0, 5 - tally.samples.length));
      samples.push([tally.requests, got.memoryBytes]);
      if (done % 100_000 === 0) console.error(`  ${tally.requests} requests, ${got.memoryBytes} B`);
    }
    return summarise(tally, samples, start);
  } finally {
    await worker.dispose();
  }
}

/**
 * POST with up to three retries on a network error. Node's fetch reuses keep-alive sockets that
 * the server may have closed meanwhile (ECONNRESET before the request reached it); long runs
 * otherwise die on one. A retried call reruns its slice of the workload: the tallies count what
 * the object answered to the requests that reached it.
 */
async function postRetrying(url: URL): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { method: "POST" });
    } catch (err) {
      if (attempt > 3) throw err;
      console.error(`  retrying ${url.search} after ${String((err as Error).cause ?? err)}`);
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

export function report(where: string, r: SoakResult): string {
  const mib = (b: number) => (b / 1048576).toFixed(2) + " MiB";
  const first = r.samples[0]![1];
  return (
    `soak (${where}): ${r.tally.requests} requests in ${r.seconds.toFixed(1)} s (${r.tally.ok} ok, ${r.tally.errors} errors, ` +
    `${r.tally.unexpected} unexpected); wasm memory ${mib(first)} after ${r.samples[0]![0]}, ${mib(r.warmBytes)} after warm-up, ` +
    `max ${mib(r.maxBytes)}`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const total = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const inDo = args.includes("--do");
  const r = inDo ? await soakDurableObject(total) : soakNode(total);
  console.log(report(inDo ? "Durable Object, SQL storage, Miniflare" : "Node engine, MemoryHost", r));
  for (const s of r.tally.samples) console.log("  unexpected: " + s);
  const grew = r.maxBytes > r.warmBytes;
  if (r.tally.unexpected > 0 || grew) {
    console.error(grew ? `FAIL: wasm memory grew after warm-up (${r.warmBytes} -> ${r.maxBytes} B)` : "FAIL: unexpected answers");
    process.exit(1);
  }
}
