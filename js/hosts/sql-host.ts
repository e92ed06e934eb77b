/**
 * A KvHost over a Durable Object's SQLite storage (ctx.storage.sql): one table
 * `kv (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID`, whose BLOB primary key orders by memcmp exactly
 * as the engine expects. Keys and values are bound as Uint8Array (always BLOBs: a string would bind
 * as TEXT, which never equals a BLOB); BLOBs come back as ArrayBuffer. Statements are cached by
 * workerd per SQL string, so each query here is a constant. Atomicity comes from the caller
 * (DynamoDBEngine: one statement, or several inside ctx.storage.transactionSync).
 */
import type { KvHost } from "../engine/kv-host.js";

const CREATE = "CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID";
const GET = "SELECT v FROM kv WHERE k = ?";
const PUT = "INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)";
const DELETE = "DELETE FROM kv WHERE k = ?";
const SCAN = "SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k LIMIT ?";
const SCAN_REVERSE = "SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k DESC LIMIT ?";

export class SqlHost implements KvHost {
  readonly #sql: SqlStorage;
  readonly #now: () => number;

  constructor(sql: SqlStorage, now: () => number = Date.now) {
    this.#sql = sql;
    this.#now = now;
    sql.exec(CREATE);
  }

  get(key: Uint8Array): Uint8Array | null {
    const row = this.#sql.exec(GET, key).raw().next();
    return row.done ? null : new Uint8Array(row.value[0] as ArrayBuffer);
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.#sql.exec(PUT, key, value);
  }

  delete(key: Uint8Array): void {
    this.#sql.exec(DELETE, key);
  }

  scan(start: Uint8Array, end: Uint8Array, reverse: boolean, limit: number): Array<[Uint8Array, Uint8Array]> {
    if (limit <= 0) return [];
    const out: Array<[Uint8Array, Uint8Array]> = [];
    for (const [k, v] of this.#sql.exec(reverse ? SCAN_REVERSE : SCAN, start, end, limit).raw()) {
      out.push([new Uint8Array(k as ArrayBuffer), new Uint8Array(v as ArrayBuffer)]);
    }
    return out;
  }

  nowMs(): number {
    return this.#now();
  }
}
