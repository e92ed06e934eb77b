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

/** The members of a shard's Scan answer after Items. */
interface ScanTail {
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: unknown;
  ConsumedCapacity?: unknown;
  "@ScannedBytes"?: number;
}

/**
 * A shard's Scan answer as the text of its items (the inside of Items' brackets, "" for none) and
 * its other members, parsed. The engine writes Items first and "Count" right after it, so the
 * items (most of a page) are passed on as text, never parsed; an answer not of that shape (which
 * the engine does not give) is parsed whole.
 */
function splitPage(body: string): { items: string; tail: ScanTail } {
  const at = body.lastIndexOf(',"Count":');
  if (body.startsWith('{"Items":[') && at > 0 && body[at - 1] === "]") {
    try {
      const tail = JSON.parse(`{${body.slice(at + 1)}`) as ScanTail;
      if (typeof tail.Count === "number" && typeof tail.ScannedCount === "number")
        return { items: body.slice('{"Items":['.length, at - 1), tail };
    } catch {
      // not the shape: parse it all below
    }
  }
  const page = JSON.parse(body) as ScanTail & { Items?: unknown[] };
  const items = page.Items ? JSON.stringify(page.Items).slice(1, -1) : "";
  delete page.Items;
  return { items, tail: page };
}

/**
 * startShard: the shard an ExclusiveStartKey is on (default: its partition key's; a GSI
 * partitioned by its own key, index-shards.ts: its index partition key's).
 */
export async function scanShards(ctx: ShardContext, map: ShardMap, request: Record<string, unknown>,
                                 startShard = (esk: unknown) => ctx.shardOf("GetItem", { Key: esk }, map)): Promise<EngineResponse> {
  const segmented = typeof request.Segment === "number" && typeof request.TotalSegments === "number";
  const [first, last] = segmented
    ? shardsOfSegment(request.Segment as number, request.TotalSegments as number, map.shards)
    : [0, map.shards - 1];
  let shard = first;
  if (request.ExclusiveStartKey !== undefined) {
    const at = startShard(request.ExclusiveStartKey);
    // A malformed start key: the first shard answers it as one object would.
    if (at !== null) shard = at;
  }
  const limit = typeof request.Limit === "number" ? request.Limit : undefined;
  const items: string[] = [];
  let count = 0, scanned = 0, bytes = 0;
  let capacity: unknown;
  for (let esk = request.ExclusiveStartKey; ; ) {
    const part: Record<string, unknown> = { ...request, "@PageBytes": Math.max(1, PAGE_BYTES - bytes) };
    if (esk === undefined) delete part.ExclusiveStartKey;
    else part.ExclusiveStartKey = esk;
    if (limit !== undefined) part.Limit = limit - scanned;
    const r = await ctx.shard(map, shard).routerHandle("Scan", JSON.stringify(part));
    if (r.status !== 200) return r;
    const { items: pageItems, tail: page } = splitPage(r.body);
    if (pageItems !== "") items.push(pageItems);
    count += page.Count;
    scanned += page.ScannedCount;
    bytes += page["@ScannedBytes"] ?? 0;
    capacity = mergeConsumedCapacity(capacity, page.ConsumedCapacity);
    const lastKey = page.LastEvaluatedKey;
    const full = (limit !== undefined && scanned >= limit) || bytes >= PAGE_BYTES;
    if (lastKey !== undefined || shard >= (segmented ? last : map.shards - 1) || full) {
      // A page that filled up exactly at a shard's end says so with that shard's last key, as
      // one object does when a page fills up at its last item.
      return { status: 200, body: scanResponse(request, items, count, scanned, lastKey, capacity) };
    }
    shard += 1;
    esk = undefined;
  }
}

/** The page's JSON: the shards' item texts joined, then the members one object would write. */
function scanResponse(request: Record<string, unknown>, items: string[], count: number, scanned: number,
                      lastKey: unknown, capacity: unknown): string {
  const rest: Record<string, unknown> = { Count: count, ScannedCount: scanned };
  if (lastKey !== undefined) rest.LastEvaluatedKey = lastKey;
  if (capacity !== undefined) rest.ConsumedCapacity = capacity;
  const members = JSON.stringify(rest).slice(1);
  return request.Select === "COUNT" ? `{${members}` : `{"Items":[${items.join(",")}],${members}`;
}
