/**
 * Static figures of the engine module, measured in Node (V8, as in workerd): engine.wasm's size raw
 * and gzipped, the time to compile it and to instantiate it (median of repeated runs), and the
 * wasm memory's peak while a 100,000-item table is scanned page by page (WasmEngine.memoryBytes,
 * which never shrinks, so its final value is the peak).
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { ENGINE_WASM_PATH, createNodeEngine } from "../js/node.js";

export interface StaticFigures {
  wasmBytes: number;
  wasmGzipBytes: number;
  /** The first compile in this process (V8 then caches a module by its bytes: later compiles are hits). */
  compileFirstMs: number;
  compileMs: number;
  instantiateMs: number;
  scanItems: number;
  scanPages: number;
  memoryAfterLoadBytes: number;
  memoryPeakScanBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const noop = () => 0;
const IMPORTS = { env: { kv_get: () => -1, kv_put: noop, kv_delete: noop, kv_scan: noop, kv_take: noop, host_now_ms: () => Date.now() } };

export function staticFigures(scanItems = 100_000): StaticFigures {
  const bytes = readFileSync(ENGINE_WASM_PATH);
  const compile: number[] = [];
  const instantiate: number[] = [];
  let module: WebAssembly.Module | null = null;
  for (let i = 0; i < 15; i++) {
    let t = performance.now();
    module = new (WebAssembly.Module as unknown as new (b: Uint8Array) => WebAssembly.Module)(bytes);
    compile.push(performance.now() - t);
    t = performance.now();
    const instance = new WebAssembly.Instance(module, IMPORTS);
    (instance.exports._initialize as () => void)();
    instantiate.push(performance.now() - t);
  }

  const engine = createNodeEngine();
  const call = (op: string, body: unknown): Record<string, any> => {
    const r = engine.handle(op, JSON.stringify(body));
    if (r.status !== 200) throw new Error(r.body);
    return JSON.parse(r.body) as Record<string, any>;
  };
  call("CreateTable", {
    TableName: "big", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  });
  const pad = "x".repeat(100);
  for (let i = 0; i < scanItems; i += 25) {
    const puts = [];
    for (let j = i; j < Math.min(i + 25, scanItems); j++) puts.push({ PutRequest: { Item: { pk: { S: `p${j % 100}` }, sk: { N: String(j) }, pad: { S: pad } } } });
    call("BatchWriteItem", { RequestItems: { big: puts } });
  }
  const memoryAfterLoadBytes = engine.memoryBytes();
  let start: unknown;
  let items = 0;
  let pages = 0;
  do {
    const page = call("Scan", { TableName: "big", ExclusiveStartKey: start });
    items += page.Count as number;
    pages++;
    start = page.LastEvaluatedKey;
  } while (start);
  if (items !== scanItems) throw new Error(`scan counted ${items} of ${scanItems}`);
  return {
    wasmBytes: bytes.length,
    wasmGzipBytes: gzipSync(bytes, { level: 9 }).length,
    compileFirstMs: compile[0]!,
    compileMs: median(compile),
    instantiateMs: median(instantiate),
    scanItems,
    scanPages: pages,
    memoryAfterLoadBytes,
    memoryPeakScanBytes: engine.memoryBytes(),
  };
}
