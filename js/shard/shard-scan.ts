/**
 * Scan over a table spread over shards (docs/SCALING.md). One page walks the table's groups in
 * order: a group is one of the ranges the table was created with, read as one key order, on one
 * object or, once it has split, merged over the objects it split into (merge-pages.ts), so a
 * LastEvaluatedKey names the same place before and after any split, and every item comes back
 * exactly once. The group a page starts in is the one ExclusiveStartKey's partition key hashes to
 * (the first, or a parallel Scan segment's first, without one); when a group ends its part of the
 * page without a LastEvaluatedKey, the page continues in the next with what is left of Limit and
 * of the 1 MB (the engine's "@PageBytes" / "@ScannedBytes"), so Limit and the page size count as
 * they do on one object. Every object is told the range the router's map gives it ("@Range"), and
 * refuses a map older than a split. A parallel Scan segment visits only the objects its buckets
 * reach; each returns only the segment's items.
 */
import type { EngineResponse } from "../engine/types.js";
import type { ShardContext } from "./shard-context.js";
import { BUCKETS, bucketsOfSegment, scanGroups, type ShardMap } from "./shard-map.js";
import { mergeConsumedCapacity } from "./merge.js";
import { mergePages, type PositionedPage } from "./merge-pages.js";

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
 * startBucket: the bucket an ExclusiveStartKey is in (default: its partition key's; a GSI
 * partitioned by its own key, index-shards.ts: its index partition key's).
 */
export async function scanShards(ctx: ShardContext, map: ShardMap, request: Record<string, unknown>,
                                 startBucket = (esk: unknown) => ctx.bucketOf("GetItem", { Key: esk }, map)): Promise<EngineResponse> {
  const segmented = typeof request.Segment === "number" && typeof request.TotalSegments === "number";
  const [lo, hi] = segmented ? bucketsOfSegment(request.Segment as number, request.TotalSegments as number) : [0, BUCKETS];
  const groups = scanGroups(map, lo, hi);
  let group = 0;
  if (request.ExclusiveStartKey !== undefined) {
    const at = startBucket(request.ExclusiveStartKey);
    // A malformed start key: the first shard answers it as one object would.
    if (at !== null) group = Math.max(0, groups.findIndex((g) => g.lo <= at && at < g.hi));
  }
  const limit = typeof request.Limit === "number" ? request.Limit : undefined;
  const page: ScanPage = { items: [], count: 0, scanned: 0, bytes: 0, capacity: undefined };
  for (let esk = request.ExclusiveStartKey; ; group += 1, esk = undefined) {
    const part: Record<string, unknown> = { ...request };
    if (esk === undefined) delete part.ExclusiveStartKey;
    else part.ExclusiveStartKey = esk;
    if (limit !== undefined) part.Limit = limit - page.scanned;
    const members = groups[group]!.members;
    const failed = members.length === 1
      ? await scanObject(ctx, map, members[0]!, part, page)
      : await scanMerged(ctx, map, members, part, page);
    if (failed) return failed;
    const full = (limit !== undefined && page.scanned >= limit) || page.bytes >= PAGE_BYTES;
    if (page.lastKey !== undefined || group >= groups.length - 1 || full) {
      // A page that filled up exactly at a group's end says so with its last key, as one object
      // does when a page fills up at its last item.
      return { status: 200, body: scanResponse(request, page.items, page.count, page.scanned, page.lastKey, page.capacity) };
    }
  }
}

/** The page so far: item texts, counts, bytes read, and the key it ended at, if it ended early. */
interface ScanPage {
  items: string[];
  count: number;
  scanned: number;
  bytes: number;
  lastKey?: unknown;
  capacity: unknown;
}

/** One object's part of the page (a group that has not split): its items are passed on as text. */
async function scanObject(ctx: ShardContext, map: ShardMap, index: number, part: Record<string, unknown>,
                          page: ScanPage): Promise<EngineResponse | null> {
  const range = map.ranges[index]!;
  const body = { ...part, "@PageBytes": Math.max(1, PAGE_BYTES - page.bytes), "@Range": [range.lo, range.hi] };
  const r = await ctx.shard(map, index).routerHandle("Scan", JSON.stringify(body));
  if (r.status !== 200) return r;
  const { items, tail } = splitPage(r.body);
  if (items !== "") page.items.push(items);
  page.count += tail.Count;
  page.scanned += tail.ScannedCount;
  page.bytes += tail["@ScannedBytes"] ?? 0;
  page.capacity = mergeConsumedCapacity(page.capacity, tail.ConsumedCapacity);
  page.lastKey = tail.LastEvaluatedKey;
  return null;
}

/** A group that split: its objects' pages merged into its one key order (merge-pages.ts). */
async function scanMerged(ctx: ShardContext, map: ShardMap, members: number[], part: Record<string, unknown>,
                          page: ScanPage): Promise<EngineResponse | null> {
  const budget = Math.max(1, PAGE_BYTES - page.bytes);
  const answers = await Promise.all(members.map((i) => {
    const range = map.ranges[i]!;
    const body = { ...part, "@PageBytes": budget, "@Positions": true, "@Range": [range.lo, range.hi] };
    return ctx.shard(map, i).routerHandle("Scan", JSON.stringify(body));
  }));
  const failed = answers.find((r) => r.status !== 200);
  if (failed) return failed;
  const merged = mergePages(answers.map((r) => JSON.parse(r.body) as PositionedPage), true,
    typeof part.Limit === "number" ? part.Limit : Infinity, budget);
  if (merged.items.length > 0) page.items.push(merged.items.map((item) => JSON.stringify(item)).join(","));
  page.count += merged.count;
  page.scanned += merged.scanned;
  page.bytes += merged.bytes;
  page.capacity = mergeConsumedCapacity(page.capacity, merged.capacity);
  page.lastKey = merged.lastKey;
  return null;
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
