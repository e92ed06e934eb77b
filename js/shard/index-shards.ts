/**
 * Global secondary indexes partitioned by their own key (docs/SCALING.md). A table spread over N
 * shards, created by this version, gives each GSI N index shard objects, named
 * `<database>/<TableId>/gsi/<IndexName>/<i>`; an entry lives in the one its index partition key
 * hashes to (the engine's PartitionHash of the index's HASH attributes' values, encoded one after
 * another; the bucket rule of shard-map.ts). An index shard holds a copy of the table's definition
 * with only that GSI, and the index's projected items as its items, put there by the table shards'
 * outboxes ("@IndexApply", js/do/index-outbox.ts), so the engine's own GSI Query and Scan answer
 * on it unchanged. A Query on such a GSI goes to one index shard; a Scan of it walks the index
 * shards in order (shard-scan.ts over the index's objects). Reads are eventually consistent, as
 * DynamoDB's GSI reads are. The count is fixed when the table is created (splitting index shards:
 * not built). Tables created before keep their GSIs in each shard (shard-query.ts).
 */
import type { EngineResponse } from "../engine/types.js";
import { type ShardContext, type ShardStub, validationError } from "./shard-context.js";
import { BUCKETS, bucketOfHash, type GlobalIndexMap, type ShardMap, shardOfHash } from "./shard-map.js";
import { scanShards } from "./shard-scan.js";

type Json = Record<string, unknown>;

/** The GSI `name` of the table if it is partitioned by its own key. */
export function partitionedIndex(map: ShardMap, name: unknown): GlobalIndexMap | undefined {
  return map.indexShards ? map.globalIndexes?.find((g) => g.name === name) : undefined;
}

/** The prefix of the names of a table's index shard objects (the engine's "@IndexObjects"). */
export function indexObjectsPrefix(database: string, map: ShardMap): string {
  return `${database}/${map.tableId}/gsi/`;
}

/**
 * The index's shards as a shard map of their own: ctx.shard(indexMap(...), i) is index shard i
 * (`<database>/<TableId>/gsi/<IndexName>/<i>`, equal bucket ranges), so the table's Scan over
 * shards walks them.
 */
function indexMap(ctx: ShardContext, map: ShardMap, index: GlobalIndexMap | string): ShardMap {
  const name = typeof index === "string" ? index : index.name;
  const hashKey = typeof index === "string" ? map.hashKey : index.hashKeys[0]!;
  const n = map.indexShards ?? 1;
  const tableId = `${map.tableId}/gsi/${name}`;
  const ranges = Array.from({ length: n }, (_, i) => ({ lo: Math.ceil((i * BUCKETS) / n), hi: Math.ceil(((i + 1) * BUCKETS) / n),
    object: `${ctx.database}/${tableId}/${i}` }));
  return { table: map.table, tableId, shards: n, created: n, ranges, version: 0, home: false, hashKey, localIndexes: [] };
}

/** Every index shard object of the table's partitioned GSIs. */
export function indexShardObjects(ctx: ShardContext, map: ShardMap): ShardStub[] {
  return (map.globalIndexes ?? []).flatMap((g) => Array.from({ length: map.indexShards ?? 0 }, (_, i) => ctx.shard(indexMap(ctx, map, g), i)));
}

/** The index shard an index key (a Query's key condition, or a Key of the index) hashes to, or null. */
function indexShardOf(ctx: ShardContext, map: ShardMap, index: GlobalIndexMap, op: string, request: unknown, text?: string): number | null {
  const hash = ctx.routeHash({ Operation: op, HashKey: map.hashKey, IndexHashKeys: index.hashKeys }, request, text);
  return hash === null ? null : shardOfHash(hash, map.indexShards ?? 1);
}

/** A Query on a partitioned GSI: the one index shard of its partition (a malformed one: the first, which answers it). */
export async function queryIndex(ctx: ShardContext, map: ShardMap, index: GlobalIndexMap, text: string): Promise<EngineResponse> {
  const refused = await backfilling(ctx, map, index);
  if (refused) return refused;
  const shard = indexShardOf(ctx, map, index, "Query", undefined, text) ?? 0;
  return ctx.shard(indexMap(ctx, map, index), shard).routerHandle("Query", text);
}

/** A Scan (or parallel Scan segment) of a partitioned GSI: its index shards in order. */
export async function scanIndex(ctx: ShardContext, map: ShardMap, index: GlobalIndexMap, request: Json): Promise<EngineResponse> {
  const refused = await backfilling(ctx, map, index);
  if (refused) return refused;
  return scanShards(ctx, indexMap(ctx, map, index), request, (esk) => {
    const hash = ctx.routeHash({ Operation: "Scan", HashKey: map.hashKey, IndexHashKeys: index.hashKeys }, { Key: esk });
    return hash === null ? null : bucketOfHash(hash);
  });
}

/**
 * A GSI created online is readable once every table shard has delivered its backfill (each shows
 * it ACTIVE); the directory keeps it CREATING until a router sees that and says so
 * ("@IndexActive": here, or in DescribeTable). Until then, DynamoDB's error for a backfilling index.
 */
async function backfilling(ctx: ShardContext, map: ShardMap, index: GlobalIndexMap): Promise<EngineResponse | null> {
  if (!index.creating) return null;
  const body = JSON.stringify({ TableName: map.table });
  const answers = await Promise.all(Array.from({ length: map.shards }, (_, i) => ctx.shard(map, i).routerHandle("DescribeTable", body)));
  if (await finishBackfills(ctx, map, [index.name], answers)) return null;
  return validationError(`Cannot read from backfilling global secondary index: ${index.name}`);
}

/**
 * Of the GSIs `names` (CREATING in the directory), makes ACTIVE there those every table shard shows
 * ACTIVE in `answers` (their DescribeTable answers); true if all of them are now.
 */
export async function finishBackfills(ctx: ShardContext, map: ShardMap, names: string[], answers: EngineResponse[]): Promise<boolean> {
  const shardIndexes = answers.map((r) => r.status === 200
    ? (JSON.parse(r.body) as { Table: { GlobalSecondaryIndexes?: { IndexName: string; IndexStatus?: string }[] } }).Table.GlobalSecondaryIndexes ?? []
    : null);
  const done = names.filter((name) => shardIndexes.every((gsis) => gsis?.find((g) => g.IndexName === name)?.IndexStatus === "ACTIVE"));
  for (const name of done) await ctx.home().routerHandle("@IndexActive", JSON.stringify({ TableName: map.table, IndexName: name }));
  if (done.length > 0) ctx.forget(map.table);
  return done.length === names.length;
}

interface TableDescription {
  TableName: string;
  KeySchema: { AttributeName: string }[];
  AttributeDefinitions: { AttributeName: string }[];
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: { AttributeName: string }[]; Projection: unknown }[];
}

/** An index shard's CreateTable: the table's key schema and the one GSI, on demand. */
function indexShardDefinition(table: TableDescription, indexName: string): Json | null {
  const gsi = table.GlobalSecondaryIndexes?.find((g) => g.IndexName === indexName);
  if (!gsi) return null;
  const used = new Set([...table.KeySchema, ...gsi.KeySchema].map((k) => k.AttributeName));
  return {
    TableName: table.TableName, BillingMode: "PAY_PER_REQUEST", KeySchema: table.KeySchema,
    AttributeDefinitions: table.AttributeDefinitions.filter((a) => used.has(a.AttributeName)),
    GlobalSecondaryIndexes: [{ IndexName: gsi.IndexName, KeySchema: gsi.KeySchema, Projection: gsi.Projection }],
  };
}

/** Runs op on every index shard of the named GSIs, all at once; the first failure, if any. */
async function toIndexShards(ctx: ShardContext, map: ShardMap, indexes: string[], op: string, body: (index: string) => string | null,
                             tolerate: RegExp): Promise<EngineResponse | null> {
  const calls: Promise<EngineResponse>[] = [];
  for (const index of indexes) {
    const text = body(index);
    if (text === null) continue;
    for (let i = 0; i < (map.indexShards ?? 0); i++) calls.push(Promise.resolve(ctx.shard(indexMap(ctx, map, index), i).routerHandle(op, text)));
  }
  const answers = await Promise.all(calls);
  return answers.find((r) => r.status !== 200 && !tolerate.test(r.body)) ?? null;
}

/**
 * Creates the index shards of the GSIs `indexes` (all of the table's when omitted) from the table's
 * description (CreateTable's or UpdateTable's answer), before any table shard may send to them.
 */
export function createIndexShards(ctx: ShardContext, map: ShardMap, description: TableDescription, indexes?: string[]): Promise<EngineResponse | null> {
  const names = indexes ?? (description.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName);
  return toIndexShards(ctx, map, names, "CreateTable", (index) => {
    const definition = indexShardDefinition(description, index);
    return definition && JSON.stringify(definition);
  }, /ResourceInUseException/);
}

/** Removes the index shards' data of the GSIs `indexes` (DeleteTable on each). */
export function deleteIndexShards(ctx: ShardContext, map: ShardMap, indexes: string[]): Promise<EngineResponse | null> {
  return toIndexShards(ctx, map, indexes, "DeleteTable", () => JSON.stringify({ TableName: map.table }), /ResourceNotFoundException/);
}

/** The names of the GSIs an UpdateTable creates and deletes. */
export function indexUpdates(request: Json): { created: string[]; deleted: string[] } {
  const updates = Array.isArray(request.GlobalSecondaryIndexUpdates) ? (request.GlobalSecondaryIndexUpdates as Json[]) : [];
  const names = (kind: string) => updates.map((u) => (u?.[kind] as Json | undefined)?.IndexName).filter((n): n is string => typeof n === "string");
  return { created: names("Create"), deleted: names("Delete") };
}

interface IndexCounts {
  IndexName: string;
  ItemCount?: number;
  IndexSizeBytes?: number;
}

/** Adds each partitioned GSI's ItemCount and IndexSizeBytes over its index shards to `indexes`. */
export async function addIndexShardCounts(ctx: ShardContext, map: ShardMap, indexes: IndexCounts[]): Promise<void> {
  const body = JSON.stringify({ TableName: map.table });
  await Promise.all((map.globalIndexes ?? []).flatMap((g) =>
    Array.from({ length: map.indexShards ?? 0 }, async (_, i) => {
      const r = await ctx.shard(indexMap(ctx, map, g), i).routerHandle("DescribeTable", body);
      if (r.status !== 200) return;
      const shard = (JSON.parse(r.body) as { Table: { GlobalSecondaryIndexes?: IndexCounts[] } }).Table.GlobalSecondaryIndexes?.[0];
      const index = indexes.find((x) => x.IndexName === g.name);
      if (!shard || !index) return;
      index.ItemCount = (index.ItemCount ?? 0) + (shard.ItemCount ?? 0);
      index.IndexSizeBytes = (index.IndexSizeBytes ?? 0) + (shard.IndexSizeBytes ?? 0);
    })));
}
