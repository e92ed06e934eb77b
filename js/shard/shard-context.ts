/**
 * What the sharded router's parts share (js/shard/, docs/SCALING.md): the database's own object
 * (its directory: table definitions and their shard maps), the objects of a table's shards, the
 * cached shard maps, and @Route, the engine's answer to "which partition does this request name".
 */
import { WasmEngine } from "../engine/wasm-engine.js";
import type { EngineResponse } from "../engine/types.js";
import { MemoryHost } from "../hosts/memory-host.js";
import { bucketOfHash, rangeOfBucket, type ShardMap } from "./shard-map.js";

/** A database or shard object as the router reaches it (DynamoDBDurableObject's RPC methods). */
export interface ShardStub {
  handle(op: string, body: string | Uint8Array): EngineResponse | Promise<EngineResponse>;
  /** from: how the router reached the object (it keeps it, to reach others when it splits). */
  routerHandle(op: string, body: string, from?: ObjectIdentity): EngineResponse | Promise<EngineResponse>;
  served(): number | Promise<number>;
  /** DynamoDBDurableObject.restoreToPointInTime: restarts the object with its storage as at `time`. */
  restoreToPointInTime?(time: number | Date): Promise<never>;
}

/** An object's name, its database and jurisdiction, as routers reach it. */
export interface ObjectIdentity {
  Database: string;
  Object: string;
  Jurisdiction: string | null;
}

/** The Durable Object namespace the database and its shards live in. */
export interface ShardNamespace {
  idFromName(name: string): unknown;
  get(id: any, options?: { locationHint?: any }): unknown;
  jurisdiction?(jurisdiction: any): ShardNamespace;
}

/**
 * Where new objects go (docs/SCALING.md, "Placement"): a Cloudflare jurisdiction, in which the
 * database's object and every shard are created and stay; and a location hint for objects
 * created from now on.
 */
export interface Placement {
  jurisdiction?: "eu" | "fedramp" | "fedramp-high";
  locationHint?: "wnam" | "enam" | "sam" | "weur" | "eeur" | "apac" | "oc" | "afr" | "me";
}
export const JURISDICTIONS = ["eu", "fedramp", "fedramp-high"] as const;
export const LOCATION_HINTS = ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me"] as const;

/** The engine's message when a table's own object is asked for its items (wasm/src/request/operation.cc). */
const SPREAD_TABLE = /^Table .* is spread over \d+ Durable Objects/;

export function validationError(message: string): EngineResponse {
  return { status: 400, body: JSON.stringify({ __type: "com.amazon.coral.validate#ValidationException", message }) };
}

/** The error type of a response ("ResourceNotFoundException"), or "" for a success. */
export function errorType(response: EngineResponse): string {
  if (response.status === 200) return "";
  const m = /"__type":"[^"#]*#([A-Za-z]+)"/.exec(response.body);
  return m ? m[1]! : "";
}

/** Whether the object refused because the router's map is older than a split (request/shard_guard.h). */
export function isSplitStaleAnswer(response: EngineResponse): boolean {
  return response.status === 400 && response.body.includes('"@StaleMap":true');
}

/** Whether the response says the map the router used is out of date (the table moved or went). */
export function isStaleMapAnswer(response: EngineResponse): boolean {
  if (response.status === 200) return false;
  const type = errorType(response);
  if (type === "ResourceNotFoundException") return true;
  return type === "ValidationException" && SPREAD_TABLE.test((JSON.parse(response.body) as { message?: string }).message ?? "");
}

export class ShardContext {
  readonly #namespace: ShardNamespace;
  readonly database: string;
  readonly #routeModule: WebAssembly.Module;
  #route: WasmEngine | null = null;
  readonly #maps = new Map<string, Promise<ShardMap | null>>();

  readonly #locationHint: Placement["locationHint"];
  /** The jurisdiction every object of the database is in, if any. */
  readonly jurisdiction: Placement["jurisdiction"];

  constructor(namespace: ShardNamespace, database: string, routeModule: WebAssembly.Module, placement: Placement = {}) {
    if (placement.jurisdiction && !namespace.jurisdiction)
      throw new TypeError("do-dynamodb: this Durable Object namespace has no jurisdiction()");
    this.#namespace = placement.jurisdiction ? namespace.jurisdiction!(placement.jurisdiction) : namespace;
    this.database = database;
    this.#routeModule = routeModule;
    this.#locationHint = placement.locationHint;
    this.jurisdiction = placement.jurisdiction;
  }

  /** The database's own object: the directory, and every one-shard table. */
  home(): ShardStub {
    return this.#object(this.database);
  }

  /** The object of range `index` of a table's map. */
  shard(map: ShardMap, index: number): ShardStub {
    return this.#object(map.ranges[index]!.object);
  }

  /** The object named `name` in the database's namespace (and jurisdiction). */
  object(name: string): ShardStub {
    return this.#object(name);
  }

  #object(name: string): ShardStub {
    const id = this.#namespace.idFromName(name);
    const stub = (this.#locationHint ? this.#namespace.get(id, { locationHint: this.#locationHint }) : this.#namespace.get(id)) as ShardStub;
    const from: ObjectIdentity = { Database: this.database, Object: name, Jurisdiction: this.jurisdiction ?? null };
    return {
      handle: (op, body) => stub.handle(op, body),
      routerHandle: (op, body) => stub.routerHandle(op, body, from),
      served: () => stub.served(),
      restoreToPointInTime: stub.restoreToPointInTime && ((time) => stub.restoreToPointInTime!(time)),
    };
  }

  /** The table's shard map (cached), or null if the database has no such table. */
  map(table: unknown): Promise<ShardMap | null> {
    if (typeof table !== "string") return Promise.resolve(null);
    let map = this.#maps.get(table);
    if (!map) {
      map = this.#fetchMap(table);
      this.#maps.set(table, map);
      // A missing table is not remembered: it may be created at any time.
      void map.then((m) => m === null && this.#maps.get(table) === map && this.#maps.delete(table), () => this.#maps.delete(table));
    }
    return map;
  }

  /** Forgets a table's map (after CreateTable, DeleteTable, or an answer that says it is stale). */
  forget(table: string): void {
    this.#maps.delete(table);
  }

  /** Forgets every map (the directory changed under the router: a restore). */
  forgetAll(): void {
    this.#maps.clear();
  }

  async #fetchMap(table: string): Promise<ShardMap | null> {
    const r = await this.home().routerHandle("@ShardMap", JSON.stringify({ TableName: table }));
    if (r.status !== 200) return null;
    const m = JSON.parse(r.body) as { TableId: string; Shards: number; HashKey: string; LocalIndexes: string[];
      Ranges: { Lo: number; Hi: number; Object: string }[]; Version: number; IndexShards?: number;
      GlobalIndexes?: { Name: string; HashKeys: string[]; Creating?: boolean }[] };
    const ranges = m.Ranges.map((x) => ({ lo: x.Lo, hi: x.Hi, object: this.database + x.Object }));
    return { table, tableId: m.TableId, shards: ranges.length, created: m.Shards, ranges, version: m.Version,
      home: ranges.length === 1 && ranges[0]!.object === this.database, hashKey: m.HashKey, localIndexes: m.LocalIndexes,
      ...(m.IndexShards ? { indexShards: m.IndexShards, globalIndexes: m.GlobalIndexes!.map((g) => ({ name: g.Name, hashKeys: g.HashKeys, ...(g.Creating ? { creating: true } : {}) })) } : {}) };
  }

  /**
   * The shard an item request (GetItem ... or a transaction's action: op "Get", "Put", ...) or a
   * table/LSI Query addresses, or null when it names no one partition (a GSI Query, a malformed
   * request: the caller decides where those go). requestText: the request as received, if at hand.
   */
  shardOf(op: string, request: unknown, map: ShardMap, requestText?: string): number | null {
    const bucket = this.bucketOf(op, request, map, requestText);
    return bucket === null ? null : rangeOfBucket(map, bucket);
  }

  /** The bucket of the partition a request addresses (as shardOf), or null. */
  bucketOf(op: string, request: unknown, map: ShardMap, requestText?: string): number | null {
    const hash = this.routeHash({ Operation: op, HashKey: map.hashKey, LocalIndexes: map.localIndexes }, request, requestText);
    return hash === null ? null : bucketOfHash(hash);
  }

  /**
   * The engine's "@Route" answer (a partition hash) for `head` (its members but Request) and the
   * request, or null when it names no one partition.
   */
  routeHash(head: Record<string, unknown>, request: unknown, requestText?: string): number | null {
    this.#route ??= new WasmEngine(this.#routeModule, new MemoryHost());
    let r: EngineResponse;
    try {
      // The request's own text when there is one (not serialized again); it is valid JSON.
      const text = JSON.stringify(head);
      r = this.#route.handle("@Route", `${text.slice(0, -1)},"Request":${requestText ?? JSON.stringify(request)}}`);
    } catch {
      return null;  // the engine refused the input outright (WasmEngine starts afresh): no partition
    }
    if (r.status !== 200) return null;
    const { Hash } = JSON.parse(r.body) as { Hash?: number };
    return Hash ?? null;
  }
}
