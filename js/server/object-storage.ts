/**
 * A database object's storage in Node: the part of a Durable Object's storage (DurableObjectStorage)
 * that DynamoDBEngine and TransactionRecovery use, over one SQLite database (a file, or ":memory:")
 * holding the Durable Object's own table (js/hosts/sqlite-file-host.ts). transactionSync is a
 * SAVEPOINT, rolled back when fn throws, as the runtime's; the alarm is one timer per object whose
 * time is kept in memory only (the server runs every object's alarm once when it opens it, which
 * finds any work left from before a restart).
 */
import { SqliteFileHost } from "../hosts/sqlite-file-host.js";

/** SQLite settings for a file: see docs/ARCHITECTURE.md, "The local server" (durability). */
const FILE_PRAGMAS = "PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=NORMAL;";
/** setTimeout's longest delay; a later alarm is set again when this one fires early. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ObjectStorage {
  readonly host: SqliteFileHost;
  readonly #onAlarm: () => Promise<void>;
  #alarm: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #depth = 0;

  /** Opens (creating if needed) path, ":memory:" for none; onAlarm runs when an alarm is due. */
  constructor(path: string, onAlarm: () => Promise<void>) {
    this.host = new SqliteFileHost(path);
    if (path !== ":memory:") this.host.db.exec(FILE_PRAGMAS);
    this.#onAlarm = onAlarm;
  }

  /** The SQL API as DynamoDBEngine's SqlHost meets it (its CREATE TABLE; the engine's reads and writes go to host). */
  readonly sql = ((storage: ObjectStorage) => ({
    exec: (query: string, ...bindings: unknown[]) => {
      const rows = storage.host.db.all(query, bindings as never) as Record<string, unknown>[];
      return { raw: () => rows.map((row) => Object.values(row))[Symbol.iterator](), toArray: () => rows };
    },
    /** The database's size in bytes, as the runtime's sql.databaseSize. */
    get databaseSize(): number {
      const [row] = storage.host.db.all("SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()") as { n: number }[];
      return Number(row?.n ?? 0);
    },
  }))(this);

  /** Runs fn in a transaction (nested: a savepoint); rolls back every write of fn if it throws. */
  transactionSync<T>(fn: () => T): T {
    const db = this.host.db;
    const name = `t${this.#depth++}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = fn();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw err;
    } finally {
      this.#depth--;
    }
  }

  async getAlarm(): Promise<number | null> {
    return this.#alarm;
  }

  /** Replaces the alarm (as the runtime's: one per object). */
  async setAlarm(time: number | Date): Promise<void> {
    this.#alarm = Number(time);
    if (this.#timer) clearTimeout(this.#timer);
    const delay = Math.min(Math.max(0, this.#alarm - Date.now()), MAX_TIMER_MS);
    this.#timer = setTimeout(() => this.#fire(), delay);
    this.#timer.unref();
  }

  async deleteAlarm(): Promise<void> {
    this.#alarm = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #fire(): void {
    this.#timer = null;
    if (this.#alarm === null) return;
    if (this.#alarm > Date.now()) return void this.setAlarm(this.#alarm);
    this.#alarm = null;
    this.#onAlarm().catch((err) => console.error("do-dynamodb: alarm failed:", err));
  }

  /** Stops the alarm and closes the database. */
  close(): void {
    void this.deleteAlarm();
    this.host.close();
  }
}
