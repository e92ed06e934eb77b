/**
 * BatchGetItem and BatchWriteItem over tables spread over shards (docs/SCALING.md). The database's
 * own object first checks the whole batch as one object would (BatchGetItem: it also reads the
 * one-shard tables' keys; BatchWriteItem: a dry run that writes nothing), so a malformed batch is
 * refused whole, as DynamoDB refuses it. Then each shard gets its part, all at once; a shard that
 * fails returns its part in UnprocessedKeys / UnprocessedItems, DynamoDB's contract for exactly
 * this, so a batch is never an error for a shard's sake and no write is lost or half applied.
 */
import type { EngineResponse } from "../engine/types.js";
import { mergeConsumedCapacity } from "./merge.js";
import { isStaleMapAnswer, type ShardContext, type ShardStub } from "./shard-context.js";
import type { ShardMap } from "./shard-map.js";

type Json = Record<string, unknown>;

/** Entries of a batch grouped by the object that holds them, with their requests by table. */
class Parts {
  readonly #parts = new Map<string, { stub: ShardStub; tables: Map<string, unknown[]> }>();
  add(objectKey: string, stub: ShardStub, table: string, entry: unknown): void {
    let part = this.#parts.get(objectKey);
    if (!part) this.#parts.set(objectKey, (part = { stub, tables: new Map() }));
    const list = part.tables.get(table);
    if (list) list.push(entry);
    else part.tables.set(table, [entry]);
  }
  get size(): number {
    return this.#parts.size;
  }
  entries() {
    return [...this.#parts.values()];
  }
}

async function mapsOf(ctx: ShardContext, items: Json): Promise<Map<string, ShardMap | null>> {
  const names = Object.keys(items);
  const maps = await Promise.all(names.map((t) => ctx.map(t)));
  return new Map(names.map((t, i) => [t, maps[i]!]));
}

function sharded(maps: Map<string, ShardMap | null>): boolean {
  for (const m of maps.values()) if (m && !m.home) return true;
  return false;
}

/** A part's answer, or null if it failed (a map older than a split: the router forgets the part's maps). */
async function settle(ctx: ShardContext, tables: Iterable<string>, stub: ShardStub, op: string, body: string): Promise<EngineResponse | null> {
  try {
    const r = await stub.routerHandle(op, body);
    if (isStaleMapAnswer(r)) for (const table of tables) ctx.forget(table);
    return r.status === 200 ? r : null;
  } catch {
    return null;
  }
}

export async function batchGetShards(ctx: ShardContext, request: Json, body: string): Promise<EngineResponse> {
  const items = request.RequestItems;
  if (typeof items !== "object" || items === null || Array.isArray(items)) return ctx.home().handle("BatchGetItem", body);
  const maps = await mapsOf(ctx, items as Json);
  // The router's door all the same: the database's object says when it has begun to move a table out.
  if (!sharded(maps)) return ctx.home().routerHandle("BatchGetItem", body);
  // The whole batch, as one object checks it; it also reads every key of the one-shard tables.
  const checked = await ctx.home().routerHandle("BatchGetItem", JSON.stringify({ ...request, "@Directory": true }));
  if (checked.status !== 200) return checked;
  const out = JSON.parse(checked.body) as { Responses: Json; UnprocessedKeys: Json; ConsumedCapacity?: unknown };
  const parts = new Parts();
  for (const [table, spec] of Object.entries(items as Record<string, Json>)) {
    const map = maps.get(table);
    if (!map || map.home) continue;
    // The database's object has none of its items, and its shards report what reading them costs.
    delete out.Responses[table];
    if (Array.isArray(out.ConsumedCapacity))
      out.ConsumedCapacity = (out.ConsumedCapacity as { TableName?: string }[]).filter((c) => c.TableName !== table);
    for (const key of spec.Keys as unknown[]) {
      const shard = ctx.shardOf("GetItem", { Key: key }, map) ?? 0;
      parts.add(`${table}/${shard}`, ctx.shard(map, shard), table, key);
    }
  }
  await Promise.all(
    parts.entries().map(async ({ stub, tables }) => {
      const partItems: Json = {};
      for (const [table, keys] of tables) partItems[table] = { ...(items as Record<string, Json>)[table], Keys: keys };
      const r = await settle(ctx, tables.keys(), stub, "BatchGetItem", JSON.stringify({ ...request, RequestItems: partItems }));
      if (!r) {
        for (const [table, spec] of Object.entries(partItems)) addUnprocessed(out.UnprocessedKeys, table, spec as Json, "Keys");
        return;
      }
      const page = JSON.parse(r.body) as typeof out;
      for (const [table, found] of Object.entries(page.Responses))
        out.Responses[table] = [...((out.Responses[table] as unknown[]) ?? []), ...(found as unknown[])];
      for (const [table, spec] of Object.entries(page.UnprocessedKeys)) addUnprocessed(out.UnprocessedKeys, table, spec as Json, "Keys");
      out.ConsumedCapacity = mergeConsumedCapacity(out.ConsumedCapacity, page.ConsumedCapacity);
    }),
  );
  for (const table of Object.keys(items as Json)) out.Responses[table] ??= [];
  return { status: 200, body: JSON.stringify(out) };
}

function addUnprocessed(unprocessed: Json, table: string, spec: Json, member: "Keys"): void {
  const seen = unprocessed[table] as Json | undefined;
  unprocessed[table] = seen ? { ...seen, [member]: [...(seen[member] as unknown[]), ...(spec[member] as unknown[])] } : spec;
}

export async function batchWriteShards(ctx: ShardContext, request: Json, body: string): Promise<EngineResponse> {
  const items = request.RequestItems;
  if (typeof items !== "object" || items === null || Array.isArray(items)) return ctx.home().handle("BatchWriteItem", body);
  const maps = await mapsOf(ctx, items as Json);
  if (!sharded(maps)) return ctx.home().routerHandle("BatchWriteItem", body);
  // The whole batch, as one object checks it, writing nothing.
  const checked = await ctx.home().routerHandle("BatchWriteItem", JSON.stringify({ ...request, "@DryRun": true }));
  if (checked.status !== 200) return checked;
  const parts = new Parts();
  for (const [table, entries] of Object.entries(items as Record<string, Json[]>)) {
    const map = maps.get(table)!;
    for (const entry of entries) {
      if (map.home) {
        parts.add("home", ctx.home(), table, entry);
        continue;
      }
      const put = entry.PutRequest as Json | undefined;
      const shard = ctx.shardOf(put ? "PutItem" : "DeleteItem", put ? { Item: put.Item } : { Key: (entry.DeleteRequest as Json).Key }, map) ?? 0;
      parts.add(`${table}/${shard}`, ctx.shard(map, shard), table, entry);
    }
  }
  const out: { UnprocessedItems: Json; ConsumedCapacity?: unknown; ItemCollectionMetrics?: Json } = { UnprocessedItems: {} };
  await Promise.all(
    parts.entries().map(async ({ stub, tables }) => {
      const partItems = Object.fromEntries(tables);
      const r = await settle(ctx, tables.keys(), stub, "BatchWriteItem", JSON.stringify({ ...request, RequestItems: partItems }));
      const page = r ? (JSON.parse(r.body) as typeof out) : { UnprocessedItems: partItems as Json };
      for (const [table, entries] of Object.entries(page.UnprocessedItems))
        out.UnprocessedItems[table] = [...((out.UnprocessedItems[table] as unknown[]) ?? []), ...(entries as unknown[])];
      out.ConsumedCapacity = mergeConsumedCapacity(out.ConsumedCapacity, page.ConsumedCapacity);
      if (page.ItemCollectionMetrics) {
        out.ItemCollectionMetrics ??= {};
        for (const [table, metrics] of Object.entries(page.ItemCollectionMetrics))
          out.ItemCollectionMetrics[table] = [...((out.ItemCollectionMetrics[table] as unknown[]) ?? []), ...(metrics as unknown[])];
      }
    }),
  );
  return { status: 200, body: JSON.stringify(out) };
}
