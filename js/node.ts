/**
 * The engine in Node: build/wasm/engine.wasm compiled once with fs, run over a MemoryHost. For unit
 * tests and scripts; Workers import the module instead (js/do/engine-module.ts).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { WasmEngine } from "./engine/wasm-engine.js";
import type { KvHost } from "./engine/kv-host.js";
import { MemoryHost } from "./hosts/memory-host.js";
import { SqliteFileHost } from "./hosts/sqlite-file-host.js";
import type { EngineResponse, OperationTarget } from "./engine/types.js";

/**
 * build/wasm/engine.wasm beside this file's tree: the repository's when run from js/, the copy the
 * build places at dist/build/wasm/ when run from dist/js/ (also where the published package has it,
 * and where dist/js/do/engine-module.js imports it from).
 */
export const ENGINE_WASM_PATH = fileURLToPath(new URL("../build/wasm/engine.wasm", import.meta.url));

let compiled: WebAssembly.Module | null = null;

/** The compiled engine module (compiled on first call, then shared). */
export function engineModule(): WebAssembly.Module {
  return (compiled ??= new WasmModule(readFileSync(ENGINE_WASM_PATH)));
}

// Workers' types declare WebAssembly.Module abstract (no run-time compilation there); Node allows it.
const WasmModule = WebAssembly.Module as unknown as new (bytes: Uint8Array) => WebAssembly.Module;

/** A fresh engine over host (a new empty MemoryHost by default). */
export function createNodeEngine(host: KvHost = new MemoryHost()): WasmEngine {
  return new WasmEngine(engineModule(), host);
}

/**
 * Runs the engine's pending maintenance (index backfill and deletion after UpdateTable, statistics,
 * a due Time to Live sweep) to the end, in bounded steps, as a Durable Object's alarm would.
 * Returns the number of steps.
 */
export function drainMaintenance(engine: { handle(op: string, body: string): { status: number; body: string } }): number {
  let steps = 0;
  for (;;) {
    const result = engine.handle("@Maintain", '{"Budget":500}');
    steps++;
    if (result.status !== 200 || !(JSON.parse(result.body) as { More: boolean }).More) return steps;
  }
}

/**
 * An engine whose data lives in an SQLite file (the Durable Object's table layout), for scripts
 * and tests that keep data without workerd. Each request runs between BEGIN and COMMIT: an engine
 * error or a host failure rolls every write of that request back. Close it when done.
 */
export class FileEngine implements OperationTarget {
  readonly host: SqliteFileHost;
  readonly #engine: WasmEngine;

  constructor(path: string) {
    this.host = new SqliteFileHost(path);
    this.#engine = new WasmEngine(engineModule(), this.host);
  }

  handle(op: string, body: string | Uint8Array): EngineResponse {
    const db = this.host.db;
    db.exec("BEGIN");
    try {
      const result = this.#engine.handle(op, body);
      db.exec("COMMIT");
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      this.#engine.reset(); // its catalog cache may describe writes that were rolled back
      throw err;
    }
  }

  close(): void {
    this.host.close();
  }
}

/** Opens (creating if needed) a database file; see FileEngine. */
export function openFileEngine(path: string): FileEngine {
  return new FileEngine(path);
}
