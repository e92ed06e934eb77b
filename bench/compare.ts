/**
 * `node dist/bench/compare.js W BLOCKS SIZE DOOR1 DOOR2 ...`: in-DO doors (bench/bench-worker.ts
 * DOORS) on workload W (index into bench/workloads.ts), interleaved in one Durable Object call:
 * BLOCKS rounds of SIZE operations per door, the order rotated each round. Prints each door's
 * median µs/op over the blocks and its ratio to DOOR1's, per run (3 runs). Medians, because on a
 * shared machine another process takes the CPU for whole blocks at a time.
 * E.g. `node dist/bench/compare.js 2 30 100 sql engine client` for GetItem against raw sql.exec.
 */
import { startWorker } from "../tests/workerd/miniflare.js";

const [w = "2", blocks = "30", size = "100", ...doors] = process.argv.slice(2);
if (doors.length < 2) throw new Error("usage: compare.js W BLOCKS SIZE DOOR1 DOOR2 ...");
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const worker = await startWorker("bench-worker");
try {
  const post = async (path: string) => {
    const res = await fetch(new URL(path, worker.url), { method: "POST" });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await post("/setup");
  await post(`/compare?doors=${doors.join(",")}&w=${w}&blocks=2&size=${size}`); // warm-up
  for (let run = 0; run < 3; run++) {
    const r = (await post(`/compare?doors=${doors.join(",")}&w=${w}&blocks=${blocks}&size=${size}`)) as Record<string, number[]>;
    const base = median(r[doors[0]!]!);
    console.log(doors.map((d) => `${d} ${median(r[d]!).toFixed(1)} µs (${(median(r[d]!) / base).toFixed(2)}x)`).join(", "));
  }
} finally {
  await worker.dispose();
}
