/**
 * A database whose tables may be spread over several Durable Objects, as one OperationTarget
 * (docs/SCALING.md): the Worker's HTTP door and the in-process SDK handler call handle(op, body)
 * as they call one object's. Requests for one-shard tables, and everything that is not about one
 * table's items, go to the database's own object unchanged; item requests for a table of N shards
 * go to the shard its partition key hashes to: one round trip, atomic there as on one object.
 * Shard maps are cached per router; an object that answers as if the map were stale (the table
 * went, or moved) makes the router forget the map and try once more.
 *
 * A Query on a global secondary index goes to the one index shard of its index partition
 * (index-shards.ts; tables created before partitioned GSIs: every shard, merged, shard-query.ts); DynamoDB Streams have one stream shard per table shard (shard-streams.ts).
 * Transactions whose items are on more than one object commit in two rounds (shard-transact.ts).
 */
import type { EngineResponse, OperationTarget } from "../engine/types.js";
import { batchGetShards, batchWriteShards } from "./shard-batch.js";
import { isSplitStaleAnswer, isStaleMapAnswer, type Placement, ShardContext, type ShardNamespace, type ShardStub,
  validationError } from "./shard-context.js";
import { BUCKETS, SHARDS_TAG, type ShardMap } from "./shard-map.js";
import { partiqlOverShards } from "./shard-partiql.js";
import { indexShardObjects, partitionedIndex, queryIndex, scanIndex } from "./index-shards.js";
import { queryIndexShards } from "./shard-query.js";
import { scanShards } from "./shard-scan.js";
import { resolveTransaction, type TransactionPart, transactGetParts, transactWriteParts } from "./shard-transact.js";
import { streamsOperation } from "./shard-streams.js";
import { createTable, deleteTable, describeShards, describeTable, splitShard, touchesShardsTag, updateEveryShard } from "./shard-tables.js";

export interface ShardedDatabaseOptions extends Placement {
  /** Shards of tables created without the do-dynamodb:shards tag (DYNAMODB_SHARDS; default 1). */
  shards?: number;
  /**
   * The attribute every table created through this router must have as its partition key (the
   * client's `shard.key`): a CreateTable whose HASH key is another is refused, since a table is
   * spread by its partition key. Unset, or "partitionKey": any.
   */
  partitionKey?: string;
  /**
   * How long a transaction over several objects may hold its items' locks before the next request
   * that meets one, or the object's alarm, resolves it (ms; default 5000): the longest a router
   * that died mid-commit can keep those items from being written.
   */
  transactionTimeoutMs?: number;
}

type Json = Record<string, unknown>;
/** Tries of a request that meets a split switching over (about 3.5 s of waiting in all). */
const STALE_RETRIES = 150;
/** The whole bucket space: a range the database's own object holds all of a table in. */
const ALL_BUCKETS = [0, BUCKETS];
// Bodies that are not UTF-8 (or start with a byte order mark) go to the database's object as they
// came, so the engine answers them as it answers them on one object.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const ITEM_OPERATIONS = new Set(["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"]);
const TRANSACT_ACTIONS = ["ConditionCheck", "Put", "Delete", "Update", "Get"] as const;

export class ShardedDatabase implements OperationTarget {
  readonly #ctx: ShardContext;
  readonly #shards: number;
  readonly #partitionKey: string | undefined;
  readonly #transactionTimeoutMs: number;

  constructor(namespace: ShardNamespace, database: string, routeModule: WebAssembly.Module, options: ShardedDatabaseOptions = {}) {
    this.#ctx = new ShardContext(namespace, database, routeModule, options);
    this.#shards = options.shards ?? 1;
    this.#partitionKey = options.partitionKey === "partitionKey" ? undefined : options.partitionKey;
    this.#transactionTimeoutMs = options.transactionTimeoutMs ?? 5000;
  }

  /** The table's shards: count, and each one's object, items, bytes and requests (docs/SCALING.md). */
  async describeShards(table: string): Promise<{ TableName: string; ShardCount: number; Shards: object[] }> {
    const r = await describeShards(this.#ctx, { TableName: table });
    if (r.status !== 200) throw new Error(`do-dynamodb: DescribeShards ${table}: ${r.body}`);
    return JSON.parse(r.body);
  }

  /** Has the objects of the table's ranges split them now (all, or range `shard`: DescribeShards' numbering). */
  async splitShard(table: string, shard?: number): Promise<void> {
    const r = await splitShard(this.#ctx, shard === undefined ? { TableName: table } : { TableName: table, Shard: shard });
    if (r.status !== 200) throw new Error(`do-dynamodb: SplitShard ${table}: ${r.body}`);
  }

  /**
   * Point-in-time recovery of the whole database, every shard (and index shard) of every spread table included, to
   * the same `time` (DynamoDBDurableObject.restoreToPointInTime: deployed objects only; Miniflare
   * refuses it). The database's object goes first; its directory, as it was at `time`, then names
   * the spread tables of that time, whose shard objects are restored to `time` too. Rejects with the
   * platform's reason if an object refuses (objects restored before it stay restored).
   */
  async restoreToPointInTime(time: number | Date): Promise<void> {
    const ctx = this.#ctx;
    await restarted(ctx.home(), time);
    ctx.forgetAll();
    let start: string | undefined;
    do {
      const r = await ctx.home().handle("ListTables", JSON.stringify(start ? { ExclusiveStartTableName: start } : {}));
      if (r.status !== 200) throw new Error(`do-dynamodb: ListTables after the restore: ${r.body}`);
      const page = JSON.parse(r.body) as { TableNames: string[]; LastEvaluatedTableName?: string };
      for (const table of page.TableNames) {
        const map = await ctx.map(table);
        if (map && !map.home)
          await Promise.all([...map.ranges.map((_, i) => ctx.shard(map, i)), ...indexShardObjects(ctx, map)]
            .map((stub) => restarted(stub, time)));
      }
      start = page.LastEvaluatedTableName;
    } while (start);
  }

  async handle(op: string, body: string | Uint8Array): Promise<EngineResponse> {
    let text: string;
    let request: unknown;
    try {
      text = typeof body === "string" ? body : decoder.decode(body);
      request = JSON.parse(text);
    } catch {
      return this.#ctx.home().handle(op, body);  // not JSON: answered as one object answers it
    }
    if (typeof request !== "object" || request === null || Array.isArray(request)) return this.#ctx.home().handle(op, text);
    const r = request as Json;
    // Members named "@..." are the router's own, which the engine honours from routers only: a
    // client's are dropped (the engine ignores members it does not know, as DynamoDB does).
    if (text.includes('"@')) {
      for (const key of Object.keys(r)) if (key.startsWith("@")) delete r[key];
      text = JSON.stringify(r);
    }
    let answer = await this.#dispatch(op, r, text);
    if (!this.#namesSpreadTable(op, r)) return answer;
    // A stale map: forget it and try again, once; while a split switches over (its fence, a few
    // milliseconds to a few seconds: the last items copied and the new map published), again and
    // again, waiting a little longer each time.
    for (let attempt = 0; isStaleMapAnswer(answer) && (attempt === 0 || isSplitStaleAnswer(answer)) && attempt < STALE_RETRIES; attempt++) {
      for (const table of tablesOf(r)) this.#ctx.forget(table);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 25)));
      answer = await this.#dispatch(op, r, text);
    }
    // Still switching after all that: a 500, which every SDK retries.
    if (isSplitStaleAnswer(answer))
      return { status: 500, body: JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError",
        message: "The table's shards are being split; try again" }) };
    return answer;
  }

  /** Whether a stale map could explain an answer: the request is about one table's items. */
  #namesSpreadTable(op: string, r: Json): boolean {
    return ITEM_OPERATIONS.has(op) || op === "Scan" || op.startsWith("Batch") || op.startsWith("Transact");
  }

  async #dispatch(op: string, r: Json, text: string): Promise<EngineResponse> {
    const ctx = this.#ctx;
    switch (op) {
      case "CreateTable": {
        const hash = Array.isArray(r.KeySchema)
          ? (r.KeySchema as Json[]).find((k) => k?.KeyType === "HASH")?.AttributeName : undefined;
        if (this.#partitionKey && typeof hash === "string" && hash !== this.#partitionKey)
          return validationError(`The client's shard.key is ${this.#partitionKey}, but the partition key of ${String(r.TableName)} is ` +
            `${hash}: a table is spread over shards by its partition key`);
        return createTable(ctx, r, text, this.#shards);
      }
      case "DeleteTable":
        return deleteTable(ctx, r, text);
      case "DescribeTable":
        return describeTable(ctx, r, text);
      case "DoDynamoDB.DescribeShards":
        return describeShards(ctx, r);
      case "DoDynamoDB.SplitShard":
        return splitShard(ctx, r);
      case "UpdateTable":
      case "UpdateTimeToLive":
        return updateEveryShard(ctx, op, r, text);
      case "TagResource":
      case "UntagResource":
        if (touchesShardsTag(op, r)) return validationError(`The tag ${SHARDS_TAG} is set when a table is created and cannot change`);
        return ctx.home().handle(op, text);
      case "Scan": {
        const map = await ctx.map(r.TableName);
        if (!map) return ctx.home().handle(op, text);
        if (map.home) return ctx.home().routerHandle(op, JSON.stringify({ ...r, "@Range": ALL_BUCKETS }));
        const index = partitionedIndex(map, r.IndexName);
        return index ? scanIndex(ctx, map, index, r) : scanShards(ctx, map, r);
      }
      case "BatchGetItem":
        return batchGetShards(ctx, r, text);
      case "BatchWriteItem":
        return batchWriteShards(ctx, r, text);
      case "TransactGetItems":
      case "TransactWriteItems":
        return this.#transact(op, r, text);
      case "ExecuteStatement":
      case "BatchExecuteStatement":
      case "ExecuteTransaction":
        return partiqlOverShards(ctx, op, r, (o, b) => this.handle(o, b));
    }
    if (op.startsWith("DynamoDBStreams.")) return (await streamsOperation(ctx, op, r, text)) ?? ctx.home().handle(op, text);
    if (!ITEM_OPERATIONS.has(op)) return ctx.home().handle(op, text);
    const map = await ctx.map(r.TableName);
    if (!map) return ctx.home().handle(op, text);
    // A table in the database's own object: the router's door all the same, so that the object
    // can say when it has begun to move the table out (its first split).
    const gsiQuery = op === "Query" && typeof r.IndexName === "string" && !map.localIndexes.includes(r.IndexName);
    if (map.home) return afterStaleLocks(ctx, ctx.home(), op, gsiQuery ? JSON.stringify({ ...r, "@Range": ALL_BUCKETS }) : text);
    const shard = ctx.shardOf(op, r, map, text);
    if (shard !== null) return afterStaleLocks(ctx, ctx.shard(map, shard), op, text);
    // No one partition: a Query on a global secondary index (every shard has part of it), or a
    // malformed request (the first shard answers it as one object does).
    if (gsiQuery) {
      const index = partitionedIndex(map, r.IndexName);
      return index ? queryIndex(ctx, map, index, text) : queryIndexShards(ctx, map, r);
    }
    return ctx.shard(map, 0).routerHandle(op, text);
  }

  /**
   * A transaction runs where all its items are, when they are on one object (the database's
   * object for one-shard tables, or one shard), as one object runs it; otherwise in two rounds
   * over their objects (shard-transact.ts). A malformed request goes to the database's object,
   * which answers it as one object would.
   */
  async #transact(op: string, r: Json, text: string): Promise<EngineResponse> {
    const ctx = this.#ctx;
    const actions = Array.isArray(r.TransactItems) ? (r.TransactItems as Json[]) : [];
    const parts = new Map<string, TransactionPart>();
    for (const [place, item] of actions.entries()) {
      const kinds = TRANSACT_ACTIONS.filter((k) => typeof item?.[k] === "object" && item[k] !== null && !Array.isArray(item[k]));
      if (kinds.length !== 1) return ctx.home().handle(op, text);
      const action = item[kinds[0]!] as Json;
      const map: ShardMap | null = await ctx.map(action.TableName);
      let part = { key: "home", object: ctx.database };
      if (map && !map.home) {
        const shard = ctx.shardOf(kinds[0]!, action, map) ?? 0;
        part = { key: `${map.table}/${shard}`, object: map.ranges[shard]!.object };
      }
      const seen = parts.get(part.key);
      if (seen) seen.mine.push(place);
      else parts.set(part.key, { ...part, stub: ctx.object(part.object), mine: [place] });
    }
    // A ClientRequestToken lives at the coordinator (the database's object), wherever the items are.
    const token = op === "TransactWriteItems" && r.ClientRequestToken !== undefined;
    if (parts.size === 0 || (parts.size === 1 && (!token || parts.has("home")))) {
      const only = [...parts.values()][0];
      if (!only) return ctx.home().handle(op, text);
      return afterStaleLocks(ctx, only.key === "home" ? ctx.home() : only.stub, op, text);
    }
    const options = { timeoutMs: this.#transactionTimeoutMs };
    return op === "TransactGetItems"
      ? transactGetParts(ctx, [...parts.values()], r, text, options)
      : transactWriteParts(ctx, [...parts.values()], r, text, options);
  }
}

/** Restores one object to `time`; its restart (the call's rejection with the restore's reason) is success. */
async function restarted(stub: ShardStub, time: number | Date): Promise<void> {
  if (!stub.restoreToPointInTime) throw new Error("do-dynamodb: these objects cannot restore to a point in time");
  try {
    await stub.restoreToPointInTime(time);
  } catch (err) {
    if (String((err as Error)?.message ?? err).includes("do-dynamodb: restoring to")) return;
    throw err;
  }
}

/**
 * Runs op on a shard; if an expired lock of a transaction over several objects got in its way
 * (the engine names it, for the router only), has that transaction ended (shard-transact.ts) and
 * tries once more. The answer never shows the internal names.
 */
async function afterStaleLocks(ctx: ShardContext, stub: ShardStub, op: string, text: string): Promise<EngineResponse> {
  let answer = await stub.routerHandle(op, text);
  for (let attempt = 0; attempt < 2 && answer.status === 400 && answer.body.includes('"@Stale'); attempt++) {
    const body = JSON.parse(answer.body) as { "@StaleTransaction"?: string; "@Stale"?: string[] };
    const stale = [...(body["@Stale"] ?? []), ...(body["@StaleTransaction"] ? [body["@StaleTransaction"]] : [])];
    await Promise.all(stale.map((txn) => resolveTransaction(ctx, stub, txn)));
    answer = await stub.routerHandle(op, text);
  }
  if (answer.status !== 400 || !answer.body.includes('"@Stale')) return answer;
  const { "@Stale": _s, "@StaleTransaction": _t, ...rest } = JSON.parse(answer.body) as Record<string, unknown>;
  return { status: answer.status, body: JSON.stringify(rest) };
}

/** The tables a request names (TableName, RequestItems, TransactItems). */
function tablesOf(r: Json): string[] {
  const names = new Set<string>();
  if (typeof r.TableName === "string") names.add(r.TableName);
  if (typeof r.RequestItems === "object" && r.RequestItems !== null) for (const t of Object.keys(r.RequestItems)) names.add(t);
  if (Array.isArray(r.TransactItems))
    for (const item of r.TransactItems as Json[])
      for (const kind of TRANSACT_ACTIONS) {
        const name = (item?.[kind] as Json | undefined)?.TableName;
        if (typeof name === "string") names.add(name);
      }
  return [...names];
}
