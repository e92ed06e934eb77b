/**
 * `node dist/bench/ab.js A B W [blocks] [size]`: an A/B of two in-DO doors (bench/bench-worker.ts
 * DOORS) on workload W (index into bench/workloads.ts), in alternating blocks inside one Durable
 * Object call, so both sides see the same machine load. Prints µs/op of each and B/A.
 */
import { startWorker } from "../tests/workerd/miniflare.js";

const [a, b, w, blocks = "40", size = "100"] = process.argv.slice(2);
const worker = await startWorker("bench-worker");
try {
  const post = async (path: string) => {
    const res = await fetch(new URL(path, worker.url), { method: "POST" });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await post("/setup");
  await post(`/ab?a=${a}&b=${b}&w=${w}&blocks=2&size=${size}`); // warm-up
  for (let run = 0; run < 3; run++) {
    const r = (await post(`/ab?a=${a}&b=${b}&w=${w}&blocks=${blocks}&size=${size}`)) as Record<"a" | "b", { ops: number; ms: number }>;
    const us = (t: { ops: number; ms: number }) => (t.ms * 1000) / t.ops;
    console.log(`${a} ${us(r.a).toFixed(1)} µs/op, ${b} ${us(r.b).toFixed(1)} µs/op, ${b}/${a} = ${(us(r.b) / us(r.a)).toFixed(3)}`);
  }
} finally {
  await worker.dispose();
}
