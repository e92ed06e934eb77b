/**
 * Query on a global secondary index of a table spread over shards (docs/SCALING.md). A GSI's
 * entries are kept in each shard beside their items, so one index partition is on every shard:
 * each shard runs the Query (the same request, ExclusiveStartKey and Limit included, and the range
 * of buckets the router's map says it holds, "@Range", which it checks) and reports every entry it
 * read; the router merges them in index order and cuts the page as one object would
 * (merge-pages.ts). Count, ScannedCount, Items and LastEvaluatedKey then are those of that page.
 */
import type { EngineResponse } from "../engine/types.js";
import { mergePages, type PositionedPage } from "./merge-pages.js";
import type { ShardContext } from "./shard-context.js";
import type { ShardMap } from "./shard-map.js";

const PAGE_BYTES = 1024 * 1024;

export async function queryIndexShards(ctx: ShardContext, map: ShardMap, request: Record<string, unknown>): Promise<EngineResponse> {
  const answers = await Promise.all(map.ranges.map((range, i) =>
    ctx.shard(map, i).routerHandle("Query", JSON.stringify({ ...request, "@Positions": true, "@Range": [range.lo, range.hi] }))));
  const failed = answers.find((r) => r.status !== 200);
  if (failed) return failed;  // every shard checks the request alike: the first says it
  const pages = answers.map((r) => JSON.parse(r.body) as PositionedPage);
  const limit = typeof request.Limit === "number" ? request.Limit : Infinity;
  const page = mergePages(pages, request.ScanIndexForward !== false, limit, PAGE_BYTES);
  const out: Record<string, unknown> = {};
  if (request.Select !== "COUNT") out.Items = page.items;
  out.Count = page.count;
  out.ScannedCount = page.scanned;
  if (page.lastKey !== undefined) out.LastEvaluatedKey = page.lastKey;
  if (page.capacity !== undefined) out.ConsumedCapacity = page.capacity;
  return { status: 200, body: JSON.stringify(out) };
}
