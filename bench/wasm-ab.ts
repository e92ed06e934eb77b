/**
 * `node dist/bench/wasm-ab.js OLD.wasm NEW.wasm [rounds]`: the request hot path of two engine
 * builds, side by side in one Node process (V8, as in workerd), each over its own MemoryHost.
 * Per round and module, in alternating order: PutItem of a ~200 B item (2,000 per block),
 * GetItem (2,000), UpdateItem `SET #c = #c + :one, #n = :name` (1,000), Query of a 100-item page
 * (30); 10 blocks per round, so 20,000 / 20,000 / 10,000 / 300 requests per module and round. Prints µs/op per round and the median new/old ratio per operation.
 * Not part of `npm test`: for comparing builds when changing compile or link flags
 * (docs/PERFORMANCE.md, "Module size").
 */
import { readFileSync } from "node:fs";
import { WasmEngine } from "../js/engine/wasm-engine.js";
import { MemoryHost } from "../js/hosts/memory-host.js";

const [oldPath, newPath, roundsArg = "5"] = process.argv.slice(2);
if (!oldPath || !newPath) {
  console.error("usage: node dist/bench/wasm-ab.js OLD.wasm NEW.wasm [rounds]");
  process.exit(2);
}
const WasmModule = WebAssembly.Module as unknown as new (bytes: Uint8Array) => WebAssembly.Module;

function ok(engine: WasmEngine, op: string, body: string): string {
  const r = engine.handle(op, body);
  if (r.status !== 200) throw new Error(`${op}: ${r.status} ${r.body}`);
  return r.body;
}

function setup(path: string): WasmEngine {
  const engine = new WasmEngine(new WasmModule(readFileSync(path)), new MemoryHost());
  ok(engine, "CreateTable", JSON.stringify({
    TableName: "bench",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
    BillingMode: "PAY_PER_REQUEST",
  }));
  for (let i = 0; i < 100; i++) ok(engine, "PutItem", putBody("q", i));
  return engine;
}

function putBody(pk: string, sk: number): string {
  return JSON.stringify({
    TableName: "bench",
    Item: {
      pk: { S: pk }, sk: { N: String(sk) }, name: { S: "item name " + sk }, count: { N: "12345.678" },
      tags: { SS: ["a", "b", "c"] }, flag: { BOOL: true },
      nested: { M: { city: { S: "Lisbon" }, zip: { S: "1000-001" }, list: { L: [{ N: "1" }, { N: "2" }] } } },
      pad: { S: "x".repeat(60) },
    },
  });
}

const PUT_N = 2000, GET_N = 2000, UPDATE_N = 1000, QUERY_N = 30, BLOCKS = 10;
const putBodies = Array.from({ length: 5000 }, (_, i) => putBody("p" + i, i)); // built before timing
const getBodies = Array.from({ length: 100 }, (_, i) => JSON.stringify({ TableName: "bench", Key: { pk: { S: "q" }, sk: { N: String(i) } } }));
const updateBodies = Array.from({ length: 100 }, (_, i) => JSON.stringify({
  TableName: "bench", Key: { pk: { S: "q" }, sk: { N: String(i) } },
  UpdateExpression: "SET #c = #c + :one, #n = :name",
  ExpressionAttributeNames: { "#c": "count", "#n": "name" },
  ExpressionAttributeValues: { ":one": { N: "1" }, ":name": { S: "item name " + i } },
}));
const queryBody = JSON.stringify({ TableName: "bench", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": { S: "q" } } });

type Totals = { put: number; get: number; update: number; query: number };
function block(engine: WasmEngine, t: Totals, seq: { n: number }): void {
  let t0 = performance.now();
  for (let i = 0; i < PUT_N; i++) ok(engine, "PutItem", putBodies[seq.n++ % 5000]!);
  let t1 = performance.now();
  t.put += t1 - t0;
  t0 = t1;
  for (let i = 0; i < GET_N; i++) ok(engine, "GetItem", getBodies[i % 100]!);
  t1 = performance.now();
  t.get += t1 - t0;
  t0 = t1;
  for (let i = 0; i < UPDATE_N; i++) ok(engine, "UpdateItem", updateBodies[i % 100]!);
  t1 = performance.now();
  t.update += t1 - t0;
  t0 = t1;
  for (let i = 0; i < QUERY_N; i++) ok(engine, "Query", queryBody);
  t.query += performance.now() - t0;
}

const engines = [setup(oldPath), setup(newPath)];
const seqs = [{ n: 0 }, { n: 0 }];
const warm: Totals[] = [{ put: 0, get: 0, update: 0, query: 0 }, { put: 0, get: 0, update: 0, query: 0 }];
for (let side = 0; side < 2; side++) block(engines[side]!, warm[side]!, seqs[side]!); // warm-up

const ratios: Record<keyof Totals, number[]> = { put: [], get: [], update: [], query: [] };
const rounds = Number(roundsArg);
for (let round = 0; round < rounds; round++) {
  const t: Totals[] = [{ put: 0, get: 0, update: 0, query: 0 }, { put: 0, get: 0, update: 0, query: 0 }];
  for (let b = 0; b < BLOCKS; b++) {
    const first = (round + b) % 2; // alternate which module goes first
    block(engines[first]!, t[first]!, seqs[first]!);
    block(engines[1 - first]!, t[1 - first]!, seqs[1 - first]!);
  }
  const us = (ms: number, n: number) => (ms * 1000) / (n * BLOCKS);
  const line: string[] = [];
  for (const [k, n] of [["put", PUT_N], ["get", GET_N], ["update", UPDATE_N], ["query", QUERY_N]] as const) {
    ratios[k].push(t[1]![k] / t[0]![k]);
    line.push(`${k} ${us(t[0]![k], n).toFixed(1)} -> ${us(t[1]![k], n).toFixed(1)} µs`);
  }
  console.log(`round ${round + 1}: ${line.join(", ")}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`median new/old: PutItem ${median(ratios.put).toFixed(3)}, GetItem ${median(ratios.get).toFixed(3)}, UpdateItem ${median(ratios.update).toFixed(3)}, Query 100 ${median(ratios.query).toFixed(3)}`);
