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

/** Operations that may leave work for the maintenance steps (index backfill, statistics, TTL). */
const SCHEDULES_MAINTENANCE = new Set(["UpdateTable", "DescribeTable", "UpdateTimeToLive"]);
/** Items of index work per maintenance step (one transaction each). */
const MAINTENANCE_BUDGET = 500;
/** Wall time one alarm may spend on maintenance steps before it reschedules itself. */
const MAINTENANCE_SLICE_MS = 50;

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
      const result = this.#storage.transactionSync(() => this.#engine.handle(op, body));
      // UpdateTable may leave index work (backfill, deletion), and DescribeTable a statistics
      // refresh, for the maintenance steps the alarm runs (an alarm with nothing to do is one step).
      if (SCHEDULES_MAINTENANCE.has(op) && result.status === 200) void this.#storage.setAlarm(Date.now());
      return result;
    } catch (err) {
      // The transaction rolled back after the engine ran (e.g. the commit failed): state the engine
      // keeps in memory (its table catalog cache) may describe writes that never happened.
      this.#engine.reset();
      throw err;
    }
  }

  /**
   * Runs bounded maintenance steps (index backfill and deletion after UpdateTable, statistics, Time
   * to Live sweeps), each in its own transaction, for at most about MAINTENANCE_SLICE_MS; schedules
   * the next alarm if work remains, or when the next TTL sweep is due.
   * Call it from the Durable Object's alarm().
   */
  async maintain(): Promise<boolean> {
    const deadline = Date.now() + MAINTENANCE_SLICE_MS;
    let more = true;
    let nextMs = 0;
    while (more && Date.now() < deadline) {
      const result = this.handle("@Maintain", `{"Budget":${MAINTENANCE_BUDGET}}`);
      const step = result.status === 200 ? (JSON.parse(result.body) as { More: boolean; NextMs?: number }) : { More: false };
      more = step.More;
      nextMs = step.NextMs ?? 0;
    }
    // Work left now: continue at once; periodic work (TTL sweeps): wake up when it is due.
    if (more) await this.#storage.setAlarm(Date.now());
    else if (nextMs > 0) await this.#storage.setAlarm(nextMs);
    return more;
  }
}
