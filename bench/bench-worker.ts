/**
 * The benchmark Worker (run by bench/run.ts under Miniflare). One Durable Object holds every
 * workload's tables (bench/workloads.ts) twice: in the engine over SQL storage (the production host)
 * and in a second engine over the synchronous ctx.storage.kv API (the alternative host), plus the
 * raw rows the limits read. The doors are one table, DOORS: each turns a workload into a loop of
 * operations, timed inside workerd so no Node -> Miniflare hop is measured. A door either runs in
 * the Durable Object (engine, real AWS SDK with the in-process handler, raw sql.exec, raw kv) or in
 * the Worker (our client over DO RPC: stub.handle). Every loop is time-boxed (budget ms) and answers
 * {ops, ms}; run.ts interleaves doors and repeats rounds.
 *
 * POST /setup            creates and fills the tables (idempotent per object)
 * POST /run?door=&w=&tag=&ms=   runs one door on workload w for about ms milliseconds
 * POST /compare?doors=a,b,c&w=&blocks=&size=   several in-DO doors interleaved (bench/compare.ts)
 */
import {
  BatchWriteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand,
  TransactWriteItemsCommand, UpdateItemCommand, type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { routeToDatabase } from "../js/worker/database-router.js";
import { DynamoDBEngine } from "../js/do/dynamodb-engine.js";
import { DynamoDBDurableObject as Base } from "../js/do/durable-object.js";
import engineModule from "../js/do/engine-module.js";
import type { EngineResponse, OperationTarget } from "../js/engine/types.js";
import { KvStorageHost } from "./kv-storage-host.js";
import { authorizerFromEnv } from "../js/http/auth.js";
import { createInProcessClient } from "../js/sdk/request-handler.js";
import { DynamoDBClient as OurClient } from "../js/client/client.js";
import { COMMANDS as OUR_COMMANDS } from "../js/client/commands.js";
import { DOCUMENT_COMMANDS, DynamoDBDocumentClient, unmarshall } from "../js/lib/index.js";
import { allRawRows, allTables, loadRequests, type RawStore, type Request as OpRequest, WORKLOADS, type Workload } from "./workloads.js";

export interface Timing {
  ops: number;
  ms: number;
}

interface Env {
  DYNAMODB: DurableObjectNamespace<DynamoDBDurableObject>;
}

/** What a door runs against: built once per Durable Object (or per Worker isolate for RPC). */
interface DoorContext {
  engine: DynamoDBEngine;
  kvEngine: DynamoDBEngine;
  /** The engine as it ran before deferred writes: every writing request inside transactionSync. */
  eager: (op: string, body: string) => EngineResponse;
  sdk: DynamoDBClient;
  ours: OurClient;
  doc: DynamoDBDocumentClient;
  sql: RawStore;
  sqlStyles: Record<Exclude<SqlReadStyle, "raw">, RawStore>;
  sqlTxn: (fn: () => void) => void;
  sqlTxn2: <T>(fn: () => T) => T;
  kv: RawStore;
  /** Worker side only: the Durable Object's stub. */
  rpc?: OperationTarget;
  /** Worker side only: one request through the Worker's HTTP handler. */
  http?: (op: string, body: string) => Promise<EngineResponse>;
}

/**
 * A door: `sync` runs one operation synchronously, `async` one that must be awaited. Adding a door
 * (e.g. our DynamoDBDocumentClient inside the DO) is one entry here and a column in run.ts.
 */
interface Door {
  where: "do" | "worker";
  /** Raw doors do the workload's raw(...) work instead of its DynamoDB request. */
  raw?: (ctx: DoorContext, w: Workload, i: number, tag: string) => void;
  sync?: (ctx: DoorContext, req: OpRequest) => EngineResponse;
  async?: (ctx: DoorContext, req: OpRequest) => Promise<Record<string, unknown> | EngineResponse>;
}

const COMMANDS: Record<string, new (input: any) => any> = {
  PutItem: PutItemCommand,
  GetItem: GetItemCommand,
  UpdateItem: UpdateItemCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  BatchWriteItem: BatchWriteItemCommand,
  TransactWriteItems: TransactWriteItemsCommand,
};

async function sdkSend(client: DynamoDBClient, req: OpRequest): Promise<Record<string, unknown>> {
  try {
    const out = (await client.send(new COMMANDS[req.op]!(req.input))) as unknown as Record<string, unknown>;
    if (req.fails) throw new Error(`${req.op} should fail with ${req.fails}`);
    return out;
  } catch (err) {
    if (req.fails && (err as Error).name === req.fails) return {};
    throw err;
  }
}

export const DOORS: Record<string, Door> = {
  /** Our engine called inside the DO (request JSON in, response JSON out): the client stand-in. */
  engine: { where: "do", sync: (ctx, req) => ctx.engine.handle(req.op, JSON.stringify(req.input)) },
  /** The engine with each request inside transactionSync even for reads (A/B for the read-only skip). */
  "engine-txn": { where: "do", sync: (ctx, req) => ctx.sqlTxn2(() => ctx.engine.handle(req.op, JSON.stringify(req.input))) },
  /** Writes applied as the engine makes them, inside one transactionSync (A/B for deferred writes). */
  "engine-eager": { where: "do", sync: (ctx, req) => ctx.eager(req.op, JSON.stringify(req.input)) },
  /** The same engine over the synchronous kv API instead of SQL (the host decision). */
  "engine-kv": { where: "do", sync: (ctx, req) => ctx.kvEngine.handle(req.op, JSON.stringify(req.input)) },
  /** The real AWS SDK v3 client with our in-process request handler, inside the DO. */
  sdk: { where: "do", async: (ctx, req) => sdkSend(ctx.sdk, req) },
  /** Our package's DynamoDBClient (do-dynamodb) inside the DO, low-level commands. */
  client: { where: "do", async: (ctx, req) => ourSend(() => ctx.ours.send(new (OUR_COMMANDS as any)[req.op](req.input)), req) },
  /**
   * Our DynamoDBDocumentClient (do-dynamodb/lib) inside the DO, document commands with native
   * values. The workload's AttributeValue request is unmarshalled inside the timed loop, so this
   * row also pays that conversion (an overestimate of the client's cost).
   */
  "doc-client": {
    where: "do",
    async: (ctx, req) => ourSend(() => ctx.doc.send(new (DOCUMENT_COMMANDS as any)[DOC_NAMES[req.op]!](toDocument(req.input))), req),
  },
  /** Our client from the Worker over DO RPC (stub.handle): set up in the Worker. */
  rpc: { where: "worker", async: async (ctx, req) => ctx.rpc!.handle(req.op, JSON.stringify(req.input)) },
  /**
   * Our HTTP front door without the network: worker/index.ts's handler (routing, SigV4 header
   * check in "any-signature" mode, body parsing, DO RPC, response) on a Request built in the Worker.
   */
  "http-handler": { where: "worker", async: async (ctx, req) => ctx.http!(req.op, JSON.stringify(req.input)) },
  /** The same logical work directly with ctx.storage.sql.exec (the limit). */
  sql: { where: "do", raw: (ctx, w, i, tag) => w.raw(ctx.sql, i, tag) },
  /** sql.exec read styles (sqlStoreStyle): row objects, raw toArray, SQLite-packed range, a distinct SQL text per call. */
  "sql-objects": { where: "do", raw: (ctx, w, i, tag) => w.raw(ctx.sqlStyles.objects, i, tag) },
  "sql-toarray": { where: "do", raw: (ctx, w, i, tag) => w.raw(ctx.sqlStyles.toArray, i, tag) },
  "sql-aggregate": { where: "do", raw: (ctx, w, i, tag) => w.raw(ctx.sqlStyles.aggregate, i, tag) },
  "sql-unique": { where: "do", raw: (ctx, w, i, tag) => w.raw(ctx.sqlStyles.unique, i, tag) },
  /** sql.exec, one transactionSync per operation (what the engine pays for atomicity). */
  "sql-txn": { where: "do", raw: (ctx, w, i, tag) => ctx.sqlTxn(() => w.raw(ctx.sql, i, tag)) },
  /** The same logical work with the synchronous ctx.storage.kv API. */
  kv: { where: "do", raw: (ctx, w, i, tag) => w.raw(ctx.kv, i, tag) },
};

const DOC_NAMES: Record<string, string> = {
  PutItem: "Put", GetItem: "Get", UpdateItem: "Update", Query: "Query", Scan: "Scan",
  BatchWriteItem: "BatchWrite", TransactWriteItems: "TransactWrite",
};
const VALUE_MAPS = new Set(["Item", "Key", "ExpressionAttributeValues", "ExclusiveStartKey"]);

const TYPE_TAG = /^(S|N|B|SS|NS|BS|M|L|NULL|BOOL)$/;
const isMarshalled = (m: Record<string, unknown>) =>
  Object.values(m).every((v) => v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && TYPE_TAG.test(Object.keys(v)[0]!));

/** A low-level request with its AttributeValue maps turned into native values (document form). */
function toDocument(x: unknown, key = ""): unknown {
  if (VALUE_MAPS.has(key) && x && typeof x === "object" && isMarshalled(x as Record<string, unknown>)) return unmarshall(x as any);
  if (Array.isArray(x)) return x.map((e) => toDocument(e));
  if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, toDocument(v, k)]));
  return x;
}

/** Sends through our client; an expected failure (req.fails) is caught by name. */
async function ourSend(send: () => Promise<object>, req: OpRequest): Promise<Record<string, unknown>> {
  try {
    const out = (await send()) as Record<string, unknown>;
    if (req.fails) throw new Error(`${req.op} should fail with ${req.fails}`);
    return out;
  } catch (err) {
    if (req.fails && (err as Error).name === req.fails) return {};
    throw err;
  }
}

function check(r: EngineResponse, req: OpRequest): EngineResponse {
  if (req.fails ? !r.body.includes(req.fails) : r.status !== 200) throw new Error(`${req.op}: ${r.status} ${r.body.slice(0, 300)}`);
  return r;
}

function lastKey(r: Record<string, unknown> | EngineResponse): unknown {
  if ("body" in r && typeof r.body === "string") return r.body.includes('"LastEvaluatedKey"') ? (JSON.parse(r.body) as Record<string, unknown>).LastEvaluatedKey : undefined;
  return (r as Record<string, unknown>).LastEvaluatedKey;
}

/** Runs door on workload for about budgetMs (at least minOps operations). */
async function runDoor(ctx: DoorContext, door: Door, w: Workload, tag: string, budgetMs: number, minOps: number): Promise<Timing> {
  const start = performance.now();
  const deadline = start + budgetMs;
  let i = 0;
  if (door.raw) {
    const raw = door.raw;
    for (; i < minOps || performance.now() < deadline; i++) raw(ctx, w, i, tag);
  } else if (door.sync) {
    const send = door.sync;
    for (; i < minOps || performance.now() < deadline; i++) {
      const req = w.request(i, tag);
      let r = check(send(ctx, req), req);
      if (w.paged) {
        for (let key = lastKey(r); key !== undefined; key = lastKey(r)) {
          const next = { ...req, input: { ...req.input, ExclusiveStartKey: key } };
          r = check(send(ctx, next), next);
        }
      }
    }
  } else {
    const send = door.async!;
    for (; i < minOps || performance.now() < deadline; i++) {
      const req = w.request(i, tag);
      let r = await send(ctx, req);
      if ("status" in r && typeof r.status === "number") check(r as EngineResponse, req);
      if (w.paged) {
        for (let key = lastKey(r); key !== undefined; key = lastKey(r)) {
          const next = { ...req, input: { ...req.input, ExclusiveStartKey: key } };
          r = await send(ctx, next);
          if ("status" in r && typeof r.status === "number") check(r as EngineResponse, next);
        }
      }
    }
  }
  return { ops: i, ms: performance.now() - start };
}

/** The headers the AWS SDK sends (a well-formed SigV4 Authorization, not checked in any-signature mode). */
function httpHeaders(op: string): Record<string, string> {
  return {
    "content-type": "application/x-amz-json-1.0",
    "x-amz-target": `DynamoDB_20120810.${op}`,
    "x-amz-date": "20261122T000000Z",
    authorization: `AWS4-HMAC-SHA256 Credential=bench/20261122/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
  };
}

const enc = new TextEncoder();
const RAW_CREATE = "CREATE TABLE IF NOT EXISTS raw (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID";

/**
 * Ways of reading the same rows with sql.exec, for the host's choices (docs/PERFORMANCE.md):
 * "raw" (what SqlHost does: .raw() iteration), "objects" (row objects: toArray() / iteration),
 * "toArray" (raw rows), "unique" (a distinct SQL text per call, so workerd must prepare each
 * statement: shows what its per-text statement cache saves) and "aggregate" (SQLite packs a
 * whole range into one BLOB, the engine's kv_scan format: one value crosses into JS, not 2 per row).
 */
type SqlReadStyle = "raw" | "objects" | "toArray" | "unique" | "aggregate";

/** One row: every entry of the range packed as [u32 LE klen][k][u32 LE vlen][v] by SQLite itself. */
const LE32 = (x: string) => `unhex(printf('%02x%02x%02x%02x', ${x} & 255, (${x} >> 8) & 255, (${x} >> 16) & 255, (${x} >> 24) & 255))`;
const AGG_SCAN =
  `SELECT CAST(group_concat(${LE32("length(k)")} || k || ${LE32("length(v)")} || v, '') AS BLOB) ` +
  "FROM (SELECT k, v FROM raw WHERE k >= ? AND k < ? ORDER BY k LIMIT ?)";

function countPacked(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let at = 0; at < bytes.length; n++) {
    at += 4 + view.getUint32(at, true);
    at += 4 + view.getUint32(at, true);
  }
  return n;
}

function sqlStoreStyle(sql: SqlStorage, style: SqlReadStyle): RawStore {
  let n = 0;
  const text = (q: string) => (style === "unique" ? `${q} /* ${n++} */` : q);
  return {
    get(key) {
      const cursor = sql.exec(text("SELECT v FROM raw WHERE k = ?"), enc.encode(key));
      if (style === "objects") {
        const rows = cursor.toArray();
        return rows.length === 0 ? null : new Uint8Array(rows[0]!.v as ArrayBuffer);
      }
      if (style === "toArray") {
        const rows = (cursor.raw() as unknown as { toArray(): SqlStorageValue[][] }).toArray();
        return rows.length === 0 ? null : new Uint8Array(rows[0]![0] as ArrayBuffer);
      }
      const row = cursor.raw().next();
      return row.done ? null : new Uint8Array(row.value[0] as ArrayBuffer);
    },
    put(key, value) {
      sql.exec(text("INSERT OR REPLACE INTO raw (k, v) VALUES (?, ?)"), enc.encode(key), value);
    },
    scan(start, end, limit) {
      if (style === "aggregate") {
        const row = sql.exec(AGG_SCAN, enc.encode(start), enc.encode(end), limit > 0 ? limit : -1).raw().next();
        const packed = row.done ? null : (row.value[0] as ArrayBuffer | null);
        return packed === null ? 0 : countPacked(new Uint8Array(packed));
      }
      let count = 0;
      const cursor = sql.exec(text("SELECT k, v FROM raw WHERE k >= ? AND k < ? ORDER BY k LIMIT ?"), enc.encode(start), enc.encode(end), limit > 0 ? limit : -1);
      if (style === "objects") {
        for (const row of cursor) if (row.k !== null && row.v !== null) count++;
      } else if (style === "toArray") {
        for (const [k, v] of (cursor.raw() as unknown as { toArray(): SqlStorageValue[][] }).toArray()) if (k !== null && v !== null) count++;
      } else {
        for (const [k, v] of cursor.raw()) if (k !== null && v !== null) count++;
      }
      return count;
    },
  };
}

function sqlStore(sql: SqlStorage): RawStore {
  sql.exec(RAW_CREATE);
  return {
    get(key) {
      const row = sql.exec("SELECT v FROM raw WHERE k = ?", enc.encode(key)).raw().next();
      return row.done ? null : new Uint8Array(row.value[0] as ArrayBuffer);
    },
    put(key, value) {
      sql.exec("INSERT OR REPLACE INTO raw (k, v) VALUES (?, ?)", enc.encode(key), value);
    },
    scan(start, end, limit) {
      let n = 0;
      const cursor = limit > 0
        ? sql.exec("SELECT k, v FROM raw WHERE k >= ? AND k < ? ORDER BY k LIMIT ?", enc.encode(start), enc.encode(end), limit)
        : sql.exec("SELECT k, v FROM raw WHERE k >= ? AND k < ? ORDER BY k", enc.encode(start), enc.encode(end));
      for (const [k, v] of cursor.raw()) {
        if (k !== null && v !== null) n++;
      }
      return n;
    },
  };
}

function kvStore(kv: SyncKvStorage): RawStore {
  return {
    get: (key) => kv.get<Uint8Array>(`raw/${key}`) ?? null,
    put: (key, value) => kv.put(`raw/${key}`, value),
    scan(start, end, limit) {
      let n = 0;
      for (const [k, v] of kv.list<Uint8Array>(limit > 0 ? { start: `raw/${start}`, end: `raw/${end}`, limit } : { start: `raw/${start}`, end: `raw/${end}` })) {
        if (k !== null && v !== null) n++;
      }
      return n;
    },
  };
}

export class DynamoDBDurableObject extends Base<Env> {
  #ctx: DoorContext | null = null;
  #loaded = false;

  #doorContext(): DoorContext {
    if (this.#ctx) return this.#ctx;
    const storage = this.ctx.storage;
    const kvEngine = new DynamoDBEngine(storage, engineModule, { storage: () => new KvStorageHost(storage.kv, "e/") });
    const eagerEngine = new DynamoDBEngine(storage, engineModule, { deferWrites: false });
    return (this.#ctx = {
      engine: this.engine,
      kvEngine,
      eager: (op, body) => eagerEngine.handle(op, body),
      sdk: createInProcessClient(this.engine),
      ours: new OurClient({ target: this.engine }),
      doc: DynamoDBDocumentClient.from(new OurClient({ target: this.engine })),
      sql: sqlStore(storage.sql),
      sqlStyles: {
        objects: sqlStoreStyle(storage.sql, "objects"),
        toArray: sqlStoreStyle(storage.sql, "toArray"),
        unique: sqlStoreStyle(storage.sql, "unique"),
        aggregate: sqlStoreStyle(storage.sql, "aggregate"),
      },
      sqlTxn: (fn) => storage.transactionSync(fn),
      sqlTxn2: (fn) => storage.transactionSync(fn),
      kv: kvStore(storage.kv),
    });
  }

  /** Creates and fills every workload's tables in both engines, and the raw rows in sql and kv. */
  setup(): { items: number; rows: number } {
    const ctx = this.#doorContext();
    if (this.#loaded) return { items: 0, rows: 0 };
    let items = 0;
    for (const engine of [ctx.engine, ctx.kvEngine]) {
      for (const t of allTables()) check(engine.handle("CreateTable", JSON.stringify(t)), { op: "CreateTable", input: t } as OpRequest);
      for (const req of loadRequests()) {
        const r = engine.handle("BatchWriteItem", JSON.stringify(req));
        check(r, { op: "BatchWriteItem", input: req });
        if (r.body.includes('"UnprocessedItems":{"')) throw new Error("unprocessed items while loading");
        items += Object.values(req.RequestItems as Record<string, unknown[]>)[0]!.length;
      }
    }
    const rows = allRawRows();
    for (const [k, v] of rows) {
      ctx.sql.put(k, v);
      ctx.kv.put(k, v);
    }
    this.#loaded = true;
    return { items, rows: rows.length };
  }

  /**
   * Several in-DO doors on workload w, interleaved: `blocks` rounds, each running every door for
   * `size` operations in a rotated order. Answers each door's µs per operation in every block, so
   * the caller can take medians (robust to another process taking the CPU for a block).
   */
  async compare(doors: string[], w: number, blocks: number, size: number): Promise<Record<string, number[]>> {
    const ctx = this.#doorContext();
    const out: Record<string, number[]> = Object.fromEntries(doors.map((d) => [d, []]));
    for (let k = 0; k < blocks; k++) {
      for (let j = 0; j < doors.length; j++) {
        const door = doors[(j + k) % doors.length]!;
        const t = await runDoor(ctx, DOORS[door]!, WORKLOADS[w]!, `cmp${k}-${door}`, 0, size);
        out[door]!.push((t.ms * 1000) / t.ops);
      }
    }
    return out;
  }

  /** Runs a door that lives in the Durable Object. */
  async runDoor(door: string, w: number, tag: string, budgetMs: number, minOps: number): Promise<Timing> {
    return runDoor(this.#doorContext(), DOORS[door]!, WORKLOADS[w]!, tag, budgetMs, minOps);
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const stub = env.DYNAMODB.get(env.DYNAMODB.idFromName("bench"));
    try {
      if (url.pathname === "/setup") return Response.json(await stub.setup());
      if (url.pathname === "/compare") {
        const q = (k: string) => url.searchParams.get(k)!;
        return Response.json(await stub.compare(q("doors").split(","), Number(q("w")), Number(q("blocks")), Number(q("size"))));
      }
      if (url.pathname !== "/run") return new Response("POST /setup, POST /run?door=&w=&tag=&ms=\n", { status: 404 });
      const name = url.searchParams.get("door")!;
      const w = Number(url.searchParams.get("w"));
      const tag = url.searchParams.get("tag")!;
      const ms = Number(url.searchParams.get("ms") ?? "200");
      const minOps = Number(url.searchParams.get("min") ?? "3");
      const door = DOORS[name];
      if (!door || !WORKLOADS[w]) return new Response("unknown door or workload\n", { status: 400 });
      if (door.where === "do") return Response.json(await stub.runDoor(name, w, tag, ms, minOps));
      // Worker-side doors: our client over DO RPC.
      const authorize = authorizerFromEnv({ DYNAMODB_AUTH: "any-signature" });
      const http = async (op: string, body: string): Promise<EngineResponse> => {
        const res = await routeToDatabase(new Request("http://bench/bench", { method: "POST", body, headers: httpHeaders(op) }), env.DYNAMODB, { authorize });
        return { status: res.status, body: await res.text() };
      };
      const ctx = { rpc: { handle: (op: string, body: string) => stub.handle(op, body) }, http } as unknown as DoorContext;
      return Response.json(await runDoor(ctx, door, WORKLOADS[w]!, tag, ms, minOps));
    } catch (e) {
      return new Response(String((e as Error).stack ?? e), { status: 500 });
    }
  },
} satisfies ExportedHandler<Env>;
