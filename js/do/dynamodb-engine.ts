/**
 * The engine as a Durable Object runs it: a WasmEngine over the object's SQL storage, each request
 * one synchronous call inside ctx.storage.transactionSync, so a request is atomic and isolated (no
 * await between its reads and writes) and a wasm trap or host error rolls back every write it made.
 * Transport-independent: the DO's fetch (HTTP), its RPC method and the in-process SDK handler all
 * call handle(). The host is injectable so tests can wrap it (e.g. to fail on the k-th put).
 */
import type { KvHost } from "../engine/kv-host.js";
import type { EngineResponse, OperationTarget } from "../engine/types.js";
import { WasmEngine } from "../engine/wasm-engine.js";
import { SqlHost } from "../hosts/sql-host.js";

export interface DynamoDBEngineOptions {
  /** Wraps or replaces the SQL host (tests: fault injection). */
  host?: (sqlHost: SqlHost) => KvHost;
}

export class DynamoDBEngine implements OperationTarget {
  readonly #storage: DurableObjectStorage;
  readonly #engine: WasmEngine;

  constructor(storage: DurableObjectStorage, module: WebAssembly.Module, options: DynamoDBEngineOptions = {}) {
    this.#storage = storage;
    const sqlHost = new SqlHost(storage.sql);
    this.#engine = new WasmEngine(module, options.host ? options.host(sqlHost) : sqlHost);
  }

  handle(op: string, body: string | Uint8Array): EngineResponse {
    try {
      return this.#storage.transactionSync(() => this.#engine.handle(op, body));
    } catch (err) {
      // The transaction rolled back after the engine ran (e.g. the commit failed): state the engine
      // keeps in memory (its table catalog cache) may describe writes that never happened.
      this.#engine.reset();
      throw err;
    }
  }
}
