/**
 * Query on a global secondary index of a table spread over shards (docs/SCALING.md). A GSI's
 * entries are kept in each shard beside their items, so one index partition is on every shard:
 * each shard runs the Query (the same request, ExclusiveStartKey and Limit included) and reports
 * every entry it read, in order ("@Positions": position, key, size, filter result); the router
 * merges them in index order (positions are hex of the stored keys, whose byte order is the
 * index's order) and cuts the page as one object would: at Limit entries read, at 1 MB read, and
 * never past the last entry of a shard that stopped early, as nothing is known beyond it.
 * Count, ScannedCount, Items and LastEvaluatedKey then are those of that page.
 */
import type { EngineResponse } from "../engine/types.js";
import { mergeConsumedCapacity } from "./merge.js";
import type { ShardContext } from "./shard-context.js";
import type { ShardMap } from "./shard-map.js";

const PAGE_BYTES = 1024 * 1024;

interface Entry {
  P: string;
  K: unknown;
  S: number;
  M: boolean;
  shard: number;
}

interface QueryPage {
  Items?: unknown[];
  LastEvaluatedKey?: unknown;
  ConsumedCapacity?: unknown;
  "@Scanned": Omit<Entry, "shard">[];
}

export async function queryIndexShards(ctx: ShardContext, map: ShardMap, request: Record<string, unknown>): Promise<EngineResponse> {
  const body = JSON.stringify({ ...request, "@Positions": true });
  const answers = await Promise.all(Array.from({ length: map.shards }, (_, i) => ctx.shard(map, i).routerHandle("Query", body)));
  const failed = answers.find((r) => r.status !== 200);
  if (failed) return failed;  // every shard checks the request alike: the first says it
  const pages = answers.map((r) => JSON.parse(r.body) as QueryPage);
  const forward = request.ScanIndexForward !== false;
  const before = (a: string, b: string) => (forward ? a < b : a > b);
  const entries: Entry[] = pages.flatMap((p, shard) => p["@Scanned"].map((e) => ({ ...e, shard })));
  entries.sort((a, b) => (a.P === b.P ? 0 : before(a.P, b.P) ? -1 : 1));
  // The earliest last entry of the shards that stopped early: nothing beyond it is known.
  let boundary: string | undefined;
  for (const p of pages) {
    const last = p["@Scanned"].at(-1);
    if (p.LastEvaluatedKey !== undefined && last && (boundary === undefined || before(last.P, boundary))) boundary = last.P;
  }
  const limit = typeof request.Limit === "number" ? request.Limit : Infinity;
  const taken: Entry[] = [];
  let bytes = 0;
  let full = false;
  for (const e of entries) {
    if (boundary !== undefined && before(boundary, e.P)) break;
    taken.push(e);
    bytes += e.S;
    if (taken.length >= limit || bytes >= PAGE_BYTES) {
      full = true;
      break;
    }
  }
  // One object ends a page with a LastEvaluatedKey when it is full; so does a shard that stopped early.
  const cut = full || boundary !== undefined;
  const next = pages.map(() => 0);
  const items: unknown[] = [];
  let capacity: unknown;
  for (const e of taken) {
    if (!e.M) continue;
    const item = pages[e.shard]!.Items?.[next[e.shard]!++];
    if (item !== undefined) items.push(item);
  }
  for (const p of pages) capacity = mergeConsumedCapacity(capacity, p.ConsumedCapacity);
  const out: Record<string, unknown> = {};
  if (request.Select !== "COUNT") out.Items = items;
  out.Count = taken.filter((e) => e.M).length;
  out.ScannedCount = taken.length;
  if (cut && taken.length > 0) out.LastEvaluatedKey = taken.at(-1)!.K;
  if (capacity !== undefined) out.ConsumedCapacity = capacity;
  return { status: 200, body: JSON.stringify(out) };
}
