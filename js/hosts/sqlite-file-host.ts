/**
 * A KvHost over an SQLite database file, for Node outside Workers: SQLite compiled to wasm
 * (node-sqlite3-wasm, synchronous, persisting through Node's fs) with the same table as the
 * Durable Object's SqlHost: `kv (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID`. A file written here
 * holds the same rows a Durable Object would for the same requests.
 * Statements are prepared once and finalized by close(). Arguments are bound (copied into
 * SQLite's memory) during each call, so views into the engine's memory are safe to pass. Atomicity per request is the caller's
 * (FileEngine in js/node.ts runs each request between BEGIN and COMMIT).
 */
import sqlite from "node-sqlite3-wasm"; // CommonJS: no named exports under ESM
import type { Database, Statement } from "node-sqlite3-wasm";
import type { KvHost } from "../engine/kv-host.js";

const CREATE = "CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID";
const SQL = {
  get: "SELECT v FROM kv WHERE k = ?",
  put: "INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)",
  delete: "DELETE FROM kv WHERE k = ?",
  scan: "SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k LIMIT ?",
  scanReverse: "SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k DESC LIMIT ?",
} as const;

type Row = Record<string, unknown>;

export class SqliteFileHost implements KvHost {
  readonly db: Database;
  readonly #statements: Record<keyof typeof SQL, Statement>;
  readonly #now: () => number;

  /** Opens (creating if needed) the database file at path; ":memory:" for a private in-memory one. */
  constructor(path: string, now: () => number = Date.now) {
    this.db = new sqlite.Database(path);
    this.db.exec(CREATE);
    this.#statements = Object.fromEntries(
      Object.entries(SQL).map(([name, sql]) => [name, this.db.prepare(sql)]),
    ) as Record<keyof typeof SQL, Statement>;
    this.#now = now;
  }

  get(key: Uint8Array): Uint8Array | null {
    const row = this.#statements.get.get([key]) as Row | null;
    return row ? (row.v as Uint8Array) : null;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.#statements.put.run([key, value]);
  }

  delete(key: Uint8Array): void {
    this.#statements.delete.run([key]);
  }

  scan(start: Uint8Array, end: Uint8Array, reverse: boolean, limit: number): Array<[Uint8Array, Uint8Array]> {
    if (limit <= 0) return [];
    const rows = this.#statements[reverse ? "scanReverse" : "scan"].all([start, end, limit]) as Row[];
    return rows.map((r) => [r.k as Uint8Array, r.v as Uint8Array]);
  }

  nowMs(): number {
    return this.#now();
  }

  /** Finalizes the statements and closes the file. */
  close(): void {
    for (const s of Object.values(this.#statements)) s.finalize();
    this.db.close();
  }
}
