/**
 * Table operations on a database whose tables may be spread over shards (docs/SCALING.md). The
 * database's own object is the directory: it keeps every table's definition, with its shard count
 * as the tag do-dynamodb:shards, and answers for the table; a table of N > 1 shards also has its
 * definition in each of its N shard objects, which hold its items. CreateTable, DeleteTable,
 * UpdateTable and UpdateTimeToLive go to the directory first (which checks them as one object
 * would) and then to every shard; DescribeTable adds up the shards' item counts and sizes.
 */
import type { EngineResponse } from "../engine/types.js";
import { type ShardContext, validationError } from "./shard-context.js";
import { MAX_SHARDS, SHARDS_TAG, type ShardMap, requestedShards } from "./shard-map.js";
import { addIndexShardCounts, createIndexShards, deleteIndexShards, finishBackfills, indexObjectsPrefix, indexUpdates } from "./index-shards.js";

type Json = Record<string, unknown>;

/** Sends body to every shard of the table, all at once; the first failure, if any. */
async function toEveryShard(ctx: ShardContext, map: ShardMap, op: string, body: string): Promise<EngineResponse | null> {
  const answers = await Promise.all(Array.from({ length: map.shards }, (_, i) => ctx.shard(map, i).routerHandle(op, body)));
  return answers.find((r) => r.status !== 200) ?? null;
}

export async function createTable(ctx: ShardContext, request: Json, body: string, defaultShards: number): Promise<EngineResponse> {
  // Tags that are not a list: the directory refuses the request as one object does.
  if (request.Tags !== undefined && !Array.isArray(request.Tags)) return ctx.home().handle("CreateTable", body);
  const asked = requestedShards(request.Tags);
  if (typeof asked === "string") return validationError(asked);
  const shards = asked ?? defaultShards;
  if (shards === 1) return ctx.home().handle("CreateTable", body);
  if (!(shards >= 1 && shards <= MAX_SHARDS)) return validationError(`The shard count must be from 1 to ${MAX_SHARDS}: ${shards}`);
  const tags = Array.isArray(request.Tags) ? request.Tags : [];
  const withTag = asked === undefined ? { ...request, Tags: [...tags, { Key: SHARDS_TAG, Value: String(shards) }] } : request;
  // Its GSIs are partitioned by their own key, over as many index shards (index-shards.ts).
  const created = await ctx.home().routerHandle("CreateTable", JSON.stringify({ ...withTag, "@IndexShards": shards }));
  if (created.status !== 200) return created;
  const table = String(request.TableName);
  ctx.forget(table);
  const map = await ctx.map(table);
  if (!map) return created;
  // The index shards first: the table shards' outboxes send to them.
  const indexFailed = await createIndexShards(ctx, map, (JSON.parse(created.body) as { TableDescription: never }).TableDescription);
  if (indexFailed) return indexFailed;
  // The shards' own definitions carry no shard tag: they hold items, and serve them.
  const { Tags: _tags, ...definition } = request;
  const failed = await toEveryShard(ctx, map, "CreateTable",
    JSON.stringify({ ...definition, "@IndexShards": shards, "@IndexObjects": indexObjectsPrefix(ctx.database, map),
      ...(ctx.jurisdiction ? { "@IndexJurisdiction": ctx.jurisdiction } : {}) }));
  if (failed && !/ResourceInUseException/.test(failed.body)) return failed;
  return created;
}

export async function deleteTable(ctx: ShardContext, request: Json, body: string): Promise<EngineResponse> {
  const map = await ctx.map(request.TableName);
  const deleted = await ctx.home().handle("DeleteTable", body);
  if (typeof request.TableName === "string") ctx.forget(request.TableName);
  if (deleted.status !== 200 || !map || map.home) return deleted;
  await toEveryShard(ctx, map, "DeleteTable", JSON.stringify({ TableName: map.table }));
  await deleteIndexShards(ctx, map, (map.globalIndexes ?? []).map((g) => g.name));
  return deleted;
}

/**
 * UpdateTable, UpdateTimeToLive: the directory, then every shard. A GSI created on a table whose
 * GSIs are partitioned gets its index shards before the shards start its backfill; a GSI deleted
 * loses its index shards' data after the shards dropped it.
 */
export async function updateEveryShard(ctx: ShardContext, op: string, request: Json, body: string): Promise<EngineResponse> {
  const map = await ctx.map(request.TableName);
  const updated = await ctx.home().handle(op, body);
  if (updated.status !== 200 || !map || map.home) return updated;
  const { created, deleted } = op === "UpdateTable" && map.indexShards ? indexUpdates(request) : { created: [], deleted: [] };
  if (created.length > 0 || deleted.length > 0) ctx.forget(map.table);
  if (created.length > 0) {
    const failed = await createIndexShards(ctx, map, (JSON.parse(updated.body) as { TableDescription: never }).TableDescription, created);
    if (failed) return failed;
  }
  const failed = await toEveryShard(ctx, map, op, body);
  if (deleted.length > 0) await deleteIndexShards(ctx, map, deleted);
  return failed ?? updated;
}

interface IndexDescription {
  IndexName: string;
  ItemCount?: number;
  IndexSizeBytes?: number;
  IndexStatus?: string;
  Backfilling?: boolean;
}

interface Description {
  TableStatus?: string;
  ItemCount?: number;
  TableSizeBytes?: number;
  GlobalSecondaryIndexes?: IndexDescription[];
  LocalSecondaryIndexes?: IndexDescription[];
}

/** A GSI is ACTIVE once every shard has it ACTIVE: until then it shows what the slowest shard shows. */
const INDEX_STATUS_ORDER = ["DELETING", "CREATING", "UPDATING", "ACTIVE"];

export async function describeTable(ctx: ShardContext, request: Json, body: string): Promise<EngineResponse> {
  const map = await ctx.map(request.TableName);
  const described = await ctx.home().handle("DescribeTable", body);
  if (described.status !== 200 || !map || map.home) return described;
  const out = JSON.parse(described.body) as { Table: Description };
  const table = out.Table;
  table.ItemCount = 0;
  table.TableSizeBytes = 0;
  const indexes = [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])];
  for (const index of indexes) index.ItemCount = index.IndexSizeBytes = 0;
  const answers = await Promise.all(
    Array.from({ length: map.shards }, (_, i) => ctx.shard(map, i).routerHandle("DescribeTable", JSON.stringify({ TableName: map.table }))),
  );
  for (const r of answers) {
    if (r.status !== 200) continue;
    const shard = (JSON.parse(r.body) as { Table: Description }).Table;
    table.ItemCount += shard.ItemCount ?? 0;
    table.TableSizeBytes += shard.TableSizeBytes ?? 0;
    if (shard.TableStatus && shard.TableStatus !== "ACTIVE") table.TableStatus = shard.TableStatus;
    for (const s of [...(shard.GlobalSecondaryIndexes ?? []), ...(shard.LocalSecondaryIndexes ?? [])]) {
      const index = indexes.find((i) => i.IndexName === s.IndexName);
      if (!index) continue;
      index.ItemCount! += s.ItemCount ?? 0;
      index.IndexSizeBytes! += s.IndexSizeBytes ?? 0;
      if (s.IndexStatus && index.IndexStatus &&
          INDEX_STATUS_ORDER.indexOf(s.IndexStatus) < INDEX_STATUS_ORDER.indexOf(index.IndexStatus)) {
        index.IndexStatus = s.IndexStatus;
        if (s.Backfilling) index.Backfilling = true;
      }
    }
  }
  if (map.indexShards) {
    await addIndexShardCounts(ctx, map, table.GlobalSecondaryIndexes ?? []);
    // A GSI created online: ACTIVE once every shard has delivered its backfill (index-shards.ts).
    for (const g of table.GlobalSecondaryIndexes ?? [])
      if (g.IndexStatus === "CREATING" && await finishBackfills(ctx, map, [g.IndexName], answers)) {
        g.IndexStatus = "ACTIVE";
        delete g.Backfilling;
      }
    const shardsActive = answers.every((r) => r.status === 200 && (JSON.parse(r.body) as { Table: Description }).Table.TableStatus === "ACTIVE");
    if (shardsActive && (table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === "ACTIVE")) table.TableStatus = "ACTIVE";
  }
  return { status: 200, body: JSON.stringify(out) };
}

/** TagResource / UntagResource: the shard count is fixed when the table is created. */
export function touchesShardsTag(op: string, request: Json): boolean {
  if (op === "TagResource" && Array.isArray(request.Tags))
    return request.Tags.some((t) => typeof t === "object" && t !== null && (t as Json).Key === SHARDS_TAG);
  if (op === "UntagResource" && Array.isArray(request.TagKeys)) return request.TagKeys.includes(SHARDS_TAG);
  return false;
}

/**
 * do-dynamodb's DescribeShards ({"TableName"}): the table's shards, each with the object that holds
 * it, its ItemCount and TableSizeBytes (the figures DescribeTable shows, refreshed about every six
 * hours) and the requests the object has run since it last started. A one-shard table is its
 * database's object.
 */
export async function describeShards(ctx: ShardContext, request: Json): Promise<EngineResponse> {
  if (typeof request.TableName !== "string") return validationError("DescribeShards needs TableName");
  ctx.forget(request.TableName);  // the map as the directory has it now: splits change it
  const map = await ctx.map(request.TableName);
  if (!map) return { status: 400, body: JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
    message: `Requested resource not found: Table: ${request.TableName} not found` }) };
  const name = JSON.stringify({ TableName: map.table });
  const shards = await Promise.all(map.ranges.map(async (range, i) => {
    const stub = ctx.shard(map, i);
    const [described, served, status] = await Promise.all([
      stub.routerHandle("DescribeTable", name), stub.served(), stub.routerHandle("@SplitStatus", name)]);
    const table = described.status === 200 ? (JSON.parse(described.body) as { Table: Description }).Table : {};
    const split = status.status === 200 ? (JSON.parse(status.body) as { Split?: { Phase: string; MovingLo: number; MovingHi: number; Child: string } }).Split : undefined;
    return {
      Shard: i,
      Object: range.object,
      Buckets: [range.lo, range.hi],
      ItemCount: table.ItemCount ?? 0,
      TableSizeBytes: table.TableSizeBytes ?? 0,
      Requests: served,
      // A split in progress: its step (COPY, DIRTY, FENCED, DROP), the buckets it hands over and to whom.
      ...(split && split.Phase !== "NONE"
        ? { Split: { Phase: split.Phase, Buckets: [split.MovingLo, split.MovingHi], To: ctx.database + split.Child } } : {}),
    };
  }));
  return { status: 200, body: JSON.stringify({ TableName: map.table, ShardCount: map.shards, MapVersion: map.version, Shards: shards }) };
}

/**
 * do-dynamodb's SplitShard ({"TableName", "Shard"?}): the object that holds range Shard of the
 * table's map (DescribeShards' numbering; all of them without Shard) splits it now, as it does on
 * its own past DYNAMODB_SPLIT_BYTES (js/do/shard-split.ts). The answer comes at once; DescribeShards
 * shows the split's progress.
 */
export async function splitShard(ctx: ShardContext, request: Json): Promise<EngineResponse> {
  if (typeof request.TableName !== "string") return validationError("SplitShard needs TableName");
  ctx.forget(request.TableName);
  const map = await ctx.map(request.TableName);
  if (!map) return { status: 400, body: JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
    message: `Requested resource not found: Table: ${request.TableName} not found` }) };
  const shard = request.Shard;
  if (shard !== undefined && !(Number.isInteger(shard) && (shard as number) >= 0 && (shard as number) < map.shards))
    return validationError(`Shard must be a whole number from 0 to ${map.shards - 1}`);
  const which = shard === undefined ? map.ranges.map((_, i) => i) : [shard as number];
  const body = JSON.stringify({ TableName: map.table });
  for (const i of which) {
    const r = await ctx.shard(map, i).routerHandle("@SplitRequest", body);
    if (r.status !== 200) return r;
  }
  return { status: 200, body: JSON.stringify({ TableName: map.table, Splitting: which }) };
}
