/**
 * Splits, run by the object that holds a table's range (docs/SCALING.md, "Splits"). The object
 * hands half of its buckets to a new object when its stored bytes pass DYNAMODB_SPLIT_BYTES, when
 * a table's requests stay above DYNAMODB_SPLIT_RPS per second for a minute (split for heat), or on
 * request (DoDynamoDB.SplitShard); a table in the database's own object moves out whole on its first
 * split. The steps are the engine's (wasm/src/ops/shard_split.cc), each one storage transaction, and
 * run from the object's alarm in bounded pieces while the object keeps serving:
 *   COPY    the moving half's items, 64 KB at a time from a cursor, to the child ("@SplitImport");
 *           every write to that half meanwhile is noted dirty with the write
 *   DIRTY   the dirty items copied again until few are left
 *   FENCED  writes to the moving half are refused (routers wait and retry), the last dirty items
 *           go, and the directory publishes the new map ("@ShardMapSplit")
 *   DROP    the child serves the half; this object hides it at once and deletes it in steps
 * The phase is stored with the table, so a restart resumes where it stopped; every step can be
 * repeated. Routers with the old map are told so by the objects (request/shard_guard.h).
 */
import type { ObjectIdentity } from "../shard/shard-context.js";
import type { DynamoDBEngine } from "./dynamodb-engine.js";
import { ownNamespace, type PeerStub } from "./own-namespace.js";

/** When an object splits a table. */
export interface SplitSettings {
  /** The object's stored bytes past which it splits its largest table (default 8 GB of its 10 GB). */
  bytes: number;
  /** Requests per second to one table, sustained for HOT_WINDOWS windows, that split it (0: never). */
  requestsPerSecond: number;
}

export const DEFAULT_SPLIT_BYTES = 8 * 1024 ** 3;
export const DEFAULT_SPLIT_RPS = 1000;
const WINDOW_MS = 10_000;
const HOT_WINDOWS = 6;
/** A size check after this many writes, at most every MEASURE_EVERY_MS. */
const CHECK_EVERY_WRITES = 16;
const MEASURE_EVERY_MS = 60_000;
/** How much one step copies, and how long one alarm works before it lets the next take over. */
const COPY_STEP_BYTES = 64 * 1024;
const DROP_STEP_ROWS = 1024;
const DIRTY_STEP = 256;
const FEW_DIRTY = 32;
const ALARM_SLICE_MS = 20_000;
const ALL_KEYS: [Uint8Array, Uint8Array] = [new Uint8Array([0x02]), new Uint8Array([0x03])];

/** DYNAMODB_SPLIT_BYTES and DYNAMODB_SPLIT_RPS (invalid or unset: the defaults; DYNAMODB_SPLIT_RPS=0: no heat splits). */
export function splitSettingsFromEnv(env: unknown): SplitSettings {
  const e = (env ?? {}) as { DYNAMODB_SPLIT_BYTES?: unknown; DYNAMODB_SPLIT_RPS?: unknown };
  const bytes = Number(e.DYNAMODB_SPLIT_BYTES);
  const rps = Number(e.DYNAMODB_SPLIT_RPS);
  return {
    bytes: Number.isFinite(bytes) && bytes > 0 ? bytes : DEFAULT_SPLIT_BYTES,
    requestsPerSecond: e.DYNAMODB_SPLIT_RPS !== undefined && Number.isFinite(rps) && rps >= 0 ? rps : DEFAULT_SPLIT_RPS,
  };
}

interface SplitStatus {
  TableId?: string;
  Id?: number;
  Definition?: string;
  Split?: { Owned: [number, number][]; Phase: string; MovingLo: number; MovingHi: number; Child: string; Self: string };
}

const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems", "@TxnCommit"]);
const TABLE_NAME = /"TableName"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/**
 * Between two steps of a split: as long as the step took, so the object spends at most half of its
 * time on the split and the rest serving requests.
 */
const pause = (since: number) => new Promise((resolve) => setTimeout(resolve, Math.min(Date.now() - since, 1000)));

export class ShardSplitter {
  readonly #engine: () => DynamoDBEngine;
  readonly #env: unknown;
  readonly #id: unknown;
  readonly #wake: (ms: number) => void;
  readonly #settings: SplitSettings;
  /** How routers reach this object (they say so with every request). */
  #self: ObjectIdentity | null = null;
  #writes = 0;
  /** The last measure of the stored rows: when, the database's size then, and the rows' bytes. */
  #measure: { at: number; size: number; stored: number } | null = null;
  /** Tables to split when the alarm runs, and why. */
  readonly #wanted = new Map<string, string>();
  /** Tables this object cannot split (a range of one bucket), until it restarts. */
  readonly #unsplittable = new Set<string>();
  readonly #heat = new Map<string, { window: number; count: number; hot: number }>();
  #running = false;

  constructor(engine: () => DynamoDBEngine, env: unknown, id: unknown, wake: (ms: number) => void, settings = splitSettingsFromEnv(env)) {
    this.#engine = engine;
    this.#env = env;
    this.#id = id;
    this.#wake = wake;
    this.#settings = settings;
  }

  /** After a router's request: who this object is, its tables' heat, and now and then its size. */
  noteRequest(op: string, body: string | Uint8Array, from: ObjectIdentity | undefined): void {
    if (from && !this.#self) this.#self = from;
    // A child filling up during its parent's split counts its imports as writes: it splits in turn.
    const write = WRITES.has(op) || op === "@SplitImport";
    if (op.startsWith("@") && !write) return;
    const rps = this.#settings.requestsPerSecond;
    if (rps > 0 && typeof body === "string") {
      const table = TABLE_NAME.exec(body.length > 512 ? body.slice(0, 512) : body)?.[1];
      if (table !== undefined) this.#countHeat(table, rps);
    }
    if (write && ++this.#writes % CHECK_EVERY_WRITES === 0) this.#checkSize();
  }

  /** DoDynamoDB.SplitShard: split the table's range in this object now. */
  request(table: string, from: ObjectIdentity | undefined): { status: number; body: string } {
    if (from) this.#self ??= from;
    this.#wanted.set(table, "request");
    this.#unsplittable.delete(table);
    this.#wake(Date.now());
    return { status: 200, body: "{}" };
  }

  #countHeat(table: string, rps: number): void {
    const window = Math.floor(Date.now() / WINDOW_MS);
    let h = this.#heat.get(table);
    if (!h) this.#heat.set(table, (h = { window, count: 0, hot: 0 }));
    if (h.window !== window) {
      h.hot = h.window === window - 1 && h.count >= (rps * WINDOW_MS) / 1000 ? h.hot + 1 : 0;
      h.window = window;
      h.count = 0;
      if (h.hot >= HOT_WINDOWS && !this.#unsplittable.has(table)) {
        h.hot = 0;
        this.#wanted.set(table, "heat");
        this.#wake(Date.now());
      }
    }
    h.count += 1;
  }

  #checkSize(): void {
    // The database's size never shrinks (freed pages stay), so it only says when to measure the
    // stored rows: when it is over the threshold, and has grown since the last measure by what the
    // rows lacked then (or a minute has passed).
    const size = this.#engine().databaseSize();
    if (size <= this.#settings.bytes) return;
    const now = Date.now();
    const m = this.#measure;
    if (m && size - m.size < this.#settings.bytes - m.stored && now - m.at < MEASURE_EVERY_MS) return;
    const stored = this.#engine().storedBytes(...ALL_KEYS);
    this.#measure = { at: now, size, stored };
    if (stored > this.#settings.bytes) this.#wake(now);
  }

  /** From the alarm: continues the splits in progress, then starts those that are due. */
  async run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const deadline = Date.now() + ALARM_SLICE_MS;
    try {
      for (const table of this.#tables()) {
        const status = this.#status(table);
        if (status.Split && status.Split.Phase !== "NONE") await this.#continue(table, status, deadline);
      }
      // After a split the object may still be over its size: it splits again, until it is not.
      for (let round = 0; round < 8 && Date.now() < deadline; round++) {
        const due = this.#due();
        if (due.length === 0) break;
        let started = false;
        for (const table of due) {
          if (Date.now() > deadline) break;
          const begun = await this.#begin(table);
          if (begun === "later") this.#wake(Date.now() + 1000);
          if (begun !== "started") continue;
          started = true;
          await this.#continue(table, this.#status(table), deadline);
        }
        if (!started) break;
      }
    } catch (err) {
      // An object unreachable, or a step refused: the stored phase says where to resume.
      console.error("do-dynamodb: split:", err);
      this.#wake(Date.now() + 1000);
    } finally {
      this.#running = false;
    }
  }

  #call(op: string, body: object): Record<string, unknown> {
    const r = this.#engine().handle(op, JSON.stringify(body));
    if (r.status !== 200) throw new Error(`${op}: ${r.body}`);
    return JSON.parse(r.body) as Record<string, unknown>;
  }

  #status(table: string): SplitStatus {
    return this.#call("@SplitStatus", { TableName: table }) as SplitStatus;
  }

  #tables(): string[] {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = this.#call("ListTables", start ? { ExclusiveStartTableName: start } : {}) as { TableNames: string[]; LastEvaluatedTableName?: string };
      names.push(...page.TableNames);
      start = page.LastEvaluatedTableName;
    } while (start);
    return names;
  }

  /** The tables to split now: asked for, hot, or the largest when the object is over its size. */
  #due(): string[] {
    const due = [...this.#wanted.keys()];
    this.#wanted.clear();
    if (due.length === 0 && this.#engine().databaseSize() > this.#settings.bytes) {
      let largest: string | undefined;
      let most = 0;
      let total = 0;
      for (const table of this.#tables()) {
        const id = this.#status(table).Id;
        if (id === undefined || this.#unsplittable.has(table)) continue;
        const prefix = new Uint8Array([0x02, id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff]);
        const bytes = this.#engine().storedBytes(prefix, prefixEnd(prefix));
        total += bytes;
        if (bytes > most) [largest, most] = [table, bytes];
      }
      if (largest !== undefined && total > this.#settings.bytes) due.push(largest);
    }
    return due;
  }

  /**
   * Starts splitting table's range here: "started"; "later" if it cannot yet (this object's range
   * is not published: it is a child whose parent is still switching over; or no router has told it
   * its name); "never" (a range of one bucket, or no such table).
   */
  async #begin(table: string): Promise<"started" | "later" | "never"> {
    const self = this.#self;
    if (!self) return "later";
    const map = await this.#directory(self, "@ShardMap", { TableName: table });
    if (map.status !== 200) return "never";
    const m = JSON.parse(map.body) as { TableId: string; Ranges: { Lo: number; Hi: number; Object: string }[] };
    const range = m.Ranges.find((r) => self.Database + r.Object === self.Object);
    if (!range) return "later";
    const home = self.Object === self.Database;
    if (!home && range.Hi - range.Lo < 2) {
      this.#unsplittable.add(table);
      return "never";
    }
    const mid = home ? range.Lo : Math.floor((range.Lo + range.Hi) / 2);
    this.#call("@SplitBegin", { TableName: table, Self: JSON.stringify(self), Child: `/${m.TableId}/r${mid}`,
      Lo: range.Lo, Mid: mid, Hi: range.Hi });
    return "started";
  }

  /** Runs the split of table from its stored phase until it ends or the alarm's time is up. */
  async #continue(table: string, status: SplitStatus, deadline: number): Promise<void> {
    const split = status.Split!;
    const self = JSON.parse(split.Self) as ObjectIdentity;
    const childIdentity: ObjectIdentity = { ...self, Object: self.Database + split.Child };
    const child = this.#peer(self, childIdentity.Object);
    const toChild = async (op: string, body: object) => {
      const r = await child.routerHandle(op, JSON.stringify(body), childIdentity);
      if (r.status !== 200) throw new Error(`${op} at ${childIdentity.Object}: ${r.body}`);
    };
    let phase = split.Phase;
    const name = { TableName: table };
    if (phase === "COPY") {
      await toChild("@SplitAdopt", { Table: status.Definition, Lo: split.MovingLo, Hi: split.MovingHi, Self: childIdentity.Object });
      for (let done = false; !done; ) {
        if (Date.now() > deadline) return this.#wake(Date.now());
        const step = Date.now();
        const page = this.#call("@SplitExport", { ...name, MaxBytes: COPY_STEP_BYTES }) as { Items: unknown[]; Cursor: string; Done: boolean };
        if (page.Items.length > 0) await toChild("@SplitImport", { ...name, Items: page.Items });
        done = page.Done;
        this.#call("@SplitAdvance", { ...name, Cursor: page.Cursor, Done: done });
        await pause(step);
      }
      phase = "DIRTY";
    }
    if (phase === "DIRTY") {
      for (;;) {
        if (Date.now() > deadline) return this.#wake(Date.now());
        const step = Date.now();
        const left = await this.#copyDirty(table, toChild);
        if (left <= FEW_DIRTY && (this.#call("@SplitFence", name) as { Fenced: boolean }).Fenced) break;
        // (Transactions still holding items of the table end within their timeout.)
        await pause(step - (left <= FEW_DIRTY ? 20 : 0));
      }
      phase = "FENCED";
    }
    if (phase === "FENCED") {
      while ((await this.#copyDirty(table, toChild)) > 0);
      // The table as it is now (an UpdateTable during the copy reached this object, not the child).
      await toChild("@SplitAdopt", { Table: this.#status(table).Definition, Lo: split.MovingLo, Hi: split.MovingHi, Self: childIdentity.Object });
      // The directory's TableId (each shard's copy of the table has its own): the map of this table,
      // not of one created again under its name.
      const map = await this.#directory(self, "@ShardMap", name);
      if (map.status !== 200) throw new Error(`@ShardMap: ${map.body}`);
      const published = await this.#directory(self, "@ShardMapSplit", { ...name, TableId: (JSON.parse(map.body) as { TableId: string }).TableId, Lo: split.Owned[0]![0],
        Mid: split.MovingLo, Hi: split.MovingHi, Parent: self.Object.slice(self.Database.length), Child: split.Child });
      if (published.status !== 200) throw new Error(`@ShardMapSplit: ${published.body}`);
      this.#call("@SplitEnd", name);
      phase = "DROP";
    }
    if (phase === "DROP") {
      for (let step = Date.now(); !(this.#call("@SplitDrop", { ...name, MaxRows: DROP_STEP_ROWS }) as { Done: boolean }).Done; step = Date.now()) {
        if (Date.now() > deadline) return this.#wake(Date.now());
        await pause(step);
      }
    }
  }

  /** One round of dirty items to the child; how many are left. */
  async #copyDirty(table: string, toChild: (op: string, body: object) => Promise<void>): Promise<number> {
    const { Dirty } = this.#call("@SplitDirty", { TableName: table, Max: DIRTY_STEP }) as { Dirty: { Key: unknown; Item?: unknown }[] };
    if (Dirty.length === 0) return 0;
    await toChild("@SplitImport", { TableName: table, Items: Dirty.flatMap((d) => (d.Item ? [d.Item] : [])),
      Deleted: Dirty.flatMap((d) => (d.Item ? [] : [d.Key])) });
    return (this.#call("@SplitClear", { TableName: table, Dirty }) as { Left: number }).Left;
  }

  /** The directory (the database's own object: this one, or another). */
  async #directory(self: ObjectIdentity, op: string, body: object): Promise<{ status: number; body: string }> {
    if (self.Object === self.Database) return this.#engine().handle(op, JSON.stringify(body));
    return this.#peer(self, self.Database).routerHandle(op, JSON.stringify(body), { ...self, Object: self.Database });
  }

  #peer(self: ObjectIdentity, name: string): PeerStub {
    const ns = ownNamespace(this.#env, this.#id, self.Object, self.Jurisdiction);
    if (!ns) throw new Error("do-dynamodb: this object cannot find its Durable Object namespace to split");
    return ns.get(ns.idFromName(name));
  }
}

/** The smallest byte string greater than every string that starts with bytes. */
function prefixEnd(bytes: Uint8Array): Uint8Array {
  const out = Array.from(bytes);
  while (out.length > 0 && out[out.length - 1] === 0xff) out.pop();
  if (out.length > 0) out[out.length - 1]! += 1;
  return new Uint8Array(out);
}
