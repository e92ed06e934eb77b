/**
 * The engine as a Durable Object runs it: a WasmEngine over the object's SQL storage, each request
 * one synchronous call (isolated: no await between its reads and writes) and all-or-nothing:
 * - item writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems) run with
 *   their writes held back in a WriteBuffer; a trap or host error discards them, and on success one
 *   write is applied as is (one SQL statement is atomic) and several inside one transactionSync;
 * - other writes (tables, maintenance) run inside ctx.storage.transactionSync, which rolls back
 *   every write they made if they fail;
 * - read-only operations skip both (nothing to roll back).
 * Transport-independent: the DO's fetch (HTTP), its RPC method and the in-process SDK handler all
 * call handle(). The host is injectable so tests can wrap it (e.g. to fail on the k-th put).
 *
 * Tables declared in code (the `tables` option, js/do/declared-tables.ts) are applied when the engine
 * is made, so before its first request; global index changes that must wait for another one are
 * applied by maintain() once that one has finished.
 *
 * subscribe(listener) delivers, after each request's transaction has committed, the DynamoDB Streams
 * records that request wrote (tables with a stream enabled; Time to Live deletions included, from
 * maintain()), in commit order; a request that rolled back delivers nothing.
 */
import type { KvHost } from "../engine/kv-host.js";
import { operationsWhere } from "../engine/operations.js";
import type { EngineResponse, OperationTarget } from "../engine/types.js";
import { WasmEngine } from "../engine/wasm-engine.js";
import { SqlHost } from "../hosts/sql-host.js";
import { WriteBuffer } from "../hosts/write-buffer.js";
import { applyDeclaredTables, DESCRIBE_DEFINITION, type TableDefinition } from "./declared-tables.js";

/** A DynamoDB Streams record, as GetRecords returns it. */
export interface StreamRecord {
  eventID: string;
  eventName: "INSERT" | "MODIFY" | "REMOVE";
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  /** Time to Live deletions: { PrincipalId: "dynamodb.amazonaws.com", Type: "Service" }. */
  userIdentity?: { PrincipalId: string; Type: string };
}

/** Receives the stream records of one committed request (never empty), with the request's operation. */
export type StreamListener = (records: StreamRecord[], op: string) => void;

/** Key space of stream records (wasm/src/keyspace.h, docs/FORMATS.md). */
const STREAM_RECORD_PREFIX = 0x04;
/** Key space of index outbox records (GSIs partitioned by their own key: js/do/index-outbox.ts). */
const INDEX_OUTBOX_PREFIX = 0x0a;
const decoder = new TextDecoder();

export interface DynamoDBEngineOptions {
  /** Wraps or replaces the storage writes are applied to (tests: storage faults; bench: kv API). */
  storage?: (sqlHost: SqlHost) => KvHost;
  /** Wraps the host the engine itself calls (tests: a failure midway through a request). */
  host?: (engineHost: KvHost) => KvHost;
  /** false: item writes run inside transactionSync as other writes do (bench: the A/B). */
  deferWrites?: boolean;
  /**
   * Schedules the next maintenance alarm (default: storage.setAlarm). withDynamoDB passes its
   * shared schedule, so the engine's alarms and the object's own do not overwrite each other.
   */
  setAlarm?: (scheduledTime: number) => unknown;
  /**
   * Tables this object's database declares (CreateTable's input plus `TimeToLiveAttribute`): created
   * or brought up to date before the first request (js/do/declared-tables.ts). The constructor throws
   * TableDeclarationError if a declaration is malformed or conflicts with its stored table.
   */
  tables?: readonly TableDefinition[];
}

/** Operations that never write to storage (js/engine/operations.ts: run "read-only"). */
const READ_ONLY: ReadonlySet<string> = new Set([...operationsWhere((facts) => facts.run === "read-only"), DESCRIBE_DEFINITION]);
/** Item writes: their writes are held back and applied after the engine returns (WriteBuffer). */
const DEFERRED_WRITES: ReadonlySet<string> = new Set(operationsWhere((facts) => facts.run === "held-back-write"));
/** Operations that may leave work for the maintenance steps (index backfill, statistics, TTL). */
const SCHEDULES_MAINTENANCE: ReadonlySet<string> = new Set(operationsWhere((facts) => facts.maintenance === true));
/** The prefix of the shard router's calls (docs/SCALING.md): "@Shard:Scan" is a Scan from the router. */
export const FROM_ROUTER = "@Shard:";
/** Items of index work per maintenance step (one transaction each). */
const MAINTENANCE_BUDGET = 500;
/** Wall time one alarm may spend on maintenance steps before it reschedules itself. */
const MAINTENANCE_SLICE_MS = 50;

export class DynamoDBEngine implements OperationTarget {
  readonly #storage: DurableObjectStorage;
  readonly #engine: WasmEngine;
  readonly #buffer: WriteBuffer;
  readonly #deferWrites: boolean;
  readonly #setAlarm: (scheduledTime: number) => unknown;
  readonly #listeners = new Set<StreamListener>();
  /** Stream records (JSON) written by the request in progress, delivered once it commits. */
  #pending: Uint8Array[] = [];
  /** Whether a request wrote index outbox records since takeOutboxWritten() last asked. */
  #outboxWritten = false;
  /** Whether this instance has asked the alarm to look at stream retention yet. */
  #retentionScheduled = false;
  readonly #tables: readonly TableDefinition[];
  /** Declared global index changes wait for one in progress (maintain() applies them after it). */
  #declarationsWaiting = false;

  constructor(storage: DurableObjectStorage, module: WebAssembly.Module, options: DynamoDBEngineOptions = {}) {
    this.#storage = storage;
    this.#setAlarm = options.setAlarm ?? ((t) => storage.setAlarm(t));
    const sqlHost = new SqlHost(storage.sql);
    this.#deferWrites = options.deferWrites ?? true;
    this.#buffer = new WriteBuffer(options.storage ? options.storage(sqlHost) : sqlHost);
    const host = options.host ? options.host(this.#buffer) : this.#buffer;
    this.#engine = new WasmEngine(module, this.#recording(host));
    this.#tables = options.tables ?? [];
    if (this.#tables.length > 0) this.#declarationsWaiting = applyDeclaredTables(this, this.#tables);
  }

  /**
   * Calls listener with the stream records of every request that commits from now on, after its
   * transaction has committed (so never for a rolled-back one), in commit order. Returns a function
   * that unsubscribes. A listener that throws does not affect the request or other listeners.
   */
  subscribe(listener: StreamListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  handle(op: string, body: string | Uint8Array): EngineResponse {
    this.#pending = [];
    // The shard router's calls ("@Shard:Scan") run as the operation they name.
    const base = op.startsWith(FROM_ROUTER) ? op.slice(FROM_ROUTER.length) : op;
    let result: EngineResponse;
    try {
      // A read writes nothing, so there is nothing to roll back, and one synchronous call is
      // already isolated: skipping transactionSync saves its fixed cost (docs/PERFORMANCE.md).
      if (READ_ONLY.has(base)) result = this.#engine.handle(op, body);
      else if (this.#deferWrites && DEFERRED_WRITES.has(base)) result = this.#deferred(op, body);
      else result = this.#storage.transactionSync(() => this.#engine.handle(op, body));
    } catch (err) {
      // The transaction rolled back after the engine ran (e.g. the commit failed): state the engine
      // keeps in memory (its table catalog cache) may describe writes that never happened.
      this.#pending = [];
      this.#engine.reset();
      throw err;
    }
    // UpdateTable may leave index work (backfill, deletion), and DescribeTable a statistics
    // refresh, for the maintenance steps the alarm runs (an alarm with nothing to do is one step).
    if (SCHEDULES_MAINTENANCE.has(base) && result.status === 200) void this.#setAlarm(Date.now());
    if (this.#pending.length > 0) this.#committed(base);  // as the client named it, also when a router sent it
    return result;
  }

  /** Runs an item write with its writes held back, then applies them (see the file comment). */
  #deferred(op: string, body: string | Uint8Array): EngineResponse {
    const buffer = this.#buffer;
    buffer.begin();
    try {
      const result = this.#engine.handle(op, body);
      if (buffer.pendingCount <= 1) buffer.flush();
      else this.#storage.transactionSync(() => buffer.flush());
      return result;
    } finally {
      buffer.discard();
    }
  }

  /** The host, noting the stream records a request puts (they reach listeners after the commit). */
  #recording(host: KvHost): KvHost {
    return {
      get: (key) => host.get(key),
      put: (key, value) => {
        host.put(key, value);
        if (key[0] === STREAM_RECORD_PREFIX) this.#pending.push(value.slice());
        else if (key[0] === INDEX_OUTBOX_PREFIX) this.#outboxWritten = true;
      },
      delete: (key) => host.delete(key),
      scan: (start, end, reverse, limit) => host.scan(start, end, reverse, limit),
      nowMs: () => host.nowMs(),
    };
  }

  #committed(op: string): void {
    const pending = this.#pending;
    this.#pending = [];
    // Records older than 24 hours are trimmed by the maintenance steps: make sure the alarm runs
    // once (it then sleeps until the oldest record is due).
    if (!this.#retentionScheduled) {
      this.#retentionScheduled = true;
      if (op !== "@Maintain") void this.#setAlarm(Date.now());
    }
    if (this.#listeners.size === 0) return;
    const records = pending.map((bytes) => JSON.parse(decoder.decode(bytes)) as StreamRecord);
    for (const listener of this.#listeners) {
      try {
        listener(records, op);
      } catch (err) {
        console.error("do-dynamodb: a stream listener threw:", err);
      }
    }
  }

  /**
   * Whether requests wrote index outbox records since the last call (a request that rolled back
   * may have: a delivery then finds nothing, which is harmless).
   */
  takeOutboxWritten(): boolean {
    const written = this.#outboxWritten;
    this.#outboxWritten = false;
    return written;
  }

  /** The wasm instance's linear memory in bytes (its peak: wasm memory never shrinks). */
  memoryBytes(): number {
    return this.#engine.memoryBytes();
  }

  /**
   * Runs bounded maintenance steps (index backfill and deletion after UpdateTable, statistics, Time
   * to Live sweeps), each in its own transaction, for at most about MAINTENANCE_SLICE_MS; schedules
   * the next alarm if work remains, or when the next TTL sweep is due.
   * Call it from the Durable Object's alarm().
   */
  /** The object's storage in bytes (sql.databaseSize: pages in use or free, so it does not shrink). */
  databaseSize(): number {
    return Number((this.#storage.sql as { databaseSize?: number }).databaseSize ?? 0);
  }

  /** The bytes of the stored rows whose keys are in [start, end) (a table's items: splits measure them). */
  storedBytes(start: Uint8Array, end: Uint8Array): number {
    const [row] = this.#storage.sql.exec("SELECT coalesce(sum(length(k) + length(v)), 0) AS n FROM kv WHERE k >= ? AND k < ?",
      start, end).toArray() as { n: number }[];
    return Number(row?.n ?? 0);
  }

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
    if (!more && this.#declarationsWaiting) {
      // The index change in progress has finished: start the next declared one (its UpdateTable
      // wants the alarm at once, and so does this). If the engine refuses it, the error leaves
      // here once, not at every alarm: the next start of the object reports it to every request.
      this.#declarationsWaiting = false;
      this.#declarationsWaiting = applyDeclaredTables(this, this.#tables);
      more = true;
    }
    // Work left now: continue at once; periodic work (TTL sweeps): wake up when it is due.
    if (more) await this.#setAlarm(Date.now());
    else if (nextMs > 0) await this.#setAlarm(nextMs);
    return more;
  }
}
