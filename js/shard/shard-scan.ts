/**
 * Scan over a table spread over shards (docs/SCALING.md). One page walks the shards in order:
 * the shard a page starts on is the one ExclusiveStartKey's partition key hashes to (the first
 * shard, or a parallel Scan segment's first, without one); when a shard ends its part of the page
 * without a LastEvaluatedKey, the page continues on the next shard with what is left of Limit and
 * of the 1 MB (the engine's "@PageBytes" / "@ScannedBytes"), so Limit and the page size count as
 * they do on one object. A page that stops inside a shard ends with that shard's LastEvaluatedKey.
 * A parallel Scan segment visits only the shards its hash range reaches; each shard returns only
 * the segment's items, so every item comes back exactly once.
 */
import type { EngineResponse } from "../engine/types.js";
import type { ShardContext } from "./shard-context.js";
import { type ShardMap, shardsOfSegment } from "./shard-map.js";
import { mergeConsumedCapacity } from "./merge.js";

const PAGE_BYTES = 1024 * 1024;

interface ScanPage {
  Items?: unknown[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: unknown;
  ConsumedCapacity?: unknown;
  "@ScannedBytes"?: number;
}

export async function scanShards(ctx: ShardContext, map: ShardMap, request: Record<string, unknown>): Promise<EngineResponse> {
  const segmented = typeof request.Segment === "number" && typeof request.TotalSegments === "number";
  const [first, last] = segmented
    ? shardsOfSegment(request.Segment as number, request.TotalSegments as number, map.shards)
    : [0, map.shards - 1];
  let shard = first;
  if (request.ExclusiveStartKey !== undefined) {
    const at = ctx.shardOf("GetItem", { Key: request.ExclusiveStartKey }, map);
    // A malformed start key: the first shard answers it as one object would.
    if (at !== null) shard = at;
  }
  const limit = typeof request.Limit === "number" ? request.Limit : undefined;
  const items: unknown[] = [];
  let count = 0, scanned = 0, bytes = 0;
  let capacity: unknown;
  for (let esk = request.ExclusiveStartKey; ; ) {
    const part: Record<string, unknown> = { ...request, "@PageBytes": Math.max(1, PAGE_BYTES - bytes) };
    if (esk === undefined) delete part.ExclusiveStartKey;
    else part.ExclusiveStartKey = esk;
    if (limit !== undefined) part.Limit = limit - scanned;
    const r = await ctx.shard(map, shard).routerHandle("Scan", JSON.stringify(part));
    if (r.status !== 200) return r;
    const page = JSON.parse(r.body) as ScanPage;
    if (page.Items) items.push(...page.Items);
    count += page.Count;
    scanned += page.ScannedCount;
    bytes += page["@ScannedBytes"] ?? 0;
    capacity = mergeConsumedCapacity(capacity, page.ConsumedCapacity);
    const lastKey = page.LastEvaluatedKey;
    const full = (limit !== undefined && scanned >= limit) || bytes >= PAGE_BYTES;
    if (lastKey !== undefined || shard >= (segmented ? last : map.shards - 1) || full) {
      // A page that filled up exactly at a shard's end says so with that shard's last key, as
      // one object does when a page fills up at its last item.
      return { status: 200, body: JSON.stringify(scanResponse(request, items, count, scanned, lastKey, capacity)) };
    }
    shard += 1;
    esk = undefined;
  }
}

function scanResponse(request: Record<string, unknown>, items: unknown[], count: number, scanned: number,
                      lastKey: unknown, capacity: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (request.Select !== "COUNT") out.Items = items;
  out.Count = count;
  out.ScannedCount = scanned;
  if (lastKey !== undefined) out.LastEvaluatedKey = lastKey;
  if (capacity !== undefined) out.ConsumedCapacity = capacity;
  return out;
}
