/**
 * `node dist/bench/wasm-ab.js OLD.wasm NEW.wasm [workloads] [blocks] [size]`: an A/B of two builds
 * of engine.wasm in Node over the in-memory host (no Durable Object, no storage cost: the engine
 * alone, with the JS <-> wasm glue). Each engine gets its own MemoryHost loaded with
 * bench/workloads.ts's tables and items; then blocks of `size` requests alternate between them
 * (A, B, B, A, ...) so both see the same machine load. Prints µs/op of each and NEW/OLD per
 * workload. workloads: comma-separated indexes into WORKLOADS (default: all but the Scan).
 */
import { readFileSync } from "node:fs";

import { WasmEngine } from "../js/engine/wasm-engine.js";
import { MemoryHost } from "../js/hosts/memory-host.js";
import { allTables, loadRequests, WORKLOADS, type Workload } from "./workloads.js";

const [oldPath, newPath, which, blocksArg = "20", sizeArg = "200"] = process.argv.slice(2);
if (!oldPath || !newPath) {
  console.error("usage: node dist/bench/wasm-ab.js OLD.wasm NEW.wasm [workloads] [blocks] [size]");
  process.exit(2);
}
const blocks = Number(blocksArg);
const size = Number(sizeArg);
const Module = WebAssembly.Module as unknown as new (bytes: Uint8Array) => WebAssembly.Module;

// Every workload's tables and items, as the full bench loads them: some workloads read what
// another one's load wrote ("PutItem, condition fails" puts onto the GetItem workload's items).
function engineFor(path: string): WasmEngine {
  const engine = new WasmEngine(new Module(readFileSync(path)), new MemoryHost());
  const call = (op: string, input: unknown) => {
    const r = engine.handle(op, JSON.stringify(input));
    if (r.status !== 200) throw new Error(`${op}: ${r.body}`);
  };
  for (const t of allTables()) call("CreateTable", t);
  for (const batch of loadRequests()) call("BatchWriteItem", batch);
  return engine;
}

function block(engine: WasmEngine, w: Workload, tag: string, from: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = from; i < from + size; i++) {
    const req = w.request(i, tag);
    const r = engine.handle(req.op, JSON.stringify(req.input));
    if ((r.status === 200) !== !req.fails) throw new Error(`${req.op}: ${r.status} ${r.body}`);
  }
  return Number(process.hrtime.bigint() - t0) / 1e3;
}

const chosen = which ? which.split(",").map((i) => WORKLOADS[Number(i)]) : WORKLOADS.filter((w) => !w.paged);
for (const w of chosen) {
  if (!w) throw new Error(`no workload among ${which}`);
  const a = engineFor(oldPath);
  const b = engineFor(newPath);
  block(a, w, "warm", 0);
  block(b, w, "warm", 0);
  let ta = 0;
  let tb = 0;
  for (let k = 0; k < blocks; k++) {
    const first = k % 2 === 0;
    const from = (k + 1) * size;
    if (first) ta += block(a, w, `r${k}`, from);
    tb += block(b, w, `r${k}`, from);
    if (!first) ta += block(a, w, `r${k}`, from);
  }
  const n = blocks * size;
  console.log(`${w.name.padEnd(32)} old ${(ta / n).toFixed(2)} µs/op, new ${(tb / n).toFixed(2)} µs/op, new/old = ${(tb / ta).toFixed(3)}`);
}
