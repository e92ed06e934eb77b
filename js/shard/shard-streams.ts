/**
 * DynamoDB Streams on a table spread over shards (docs/SCALING.md): one stream shard per table
 * shard. Each shard object keeps its own stream of its own items' changes (in order, each change
 * once, written in the same storage transaction as the change); the table's stream, as
 * DescribeTable and ListStreams show it, is the database's object's. DescribeStream lists the
 * shards' stream shards under the table's stream ARN, each ShardId marked with its table shard in
 * its leading digits, which are zeros in the engine's ShardIds (`shardId-` then 20 digits, the
 * creation time in ms): `shardId-0004...` is table shard 3's, in DynamoDB's ShardId shape;
 * GetShardIterator and GetRecords go to that table shard, and the iterators they hand out carry it
 * (`<iterator>|s<i>`). A table shard's k-th stream (in ARN order, which is
 * creation order) belongs to the table's k-th: every StreamSpecification change reaches every
 * shard, and the shard objects are the current table's alone (counted from the newest).
 */
import type { EngineResponse } from "../engine/types.js";
import { tableNameOf } from "../http/operations.js";
import type { ShardContext } from "./shard-context.js";
import type { ShardMap } from "./shard-map.js";

type Json = Record<string, unknown>;
const SHARD_ID = /^shardId-(\d{4})(\d{16}-[0-9a-f]{8})$/;
const MARK_DIGITS = 4;

/** A table shard's ShardId, marked with the table shard (the engine's starts with at least 7 zeros). */
function markShardId(shardId: string, index: number): string {
  const digits = "shardId-".length;
  return `shardId-${String(index + 1).padStart(MARK_DIGITS, "0")}${shardId.slice(digits + MARK_DIGITS)}`;
}

/** The table shard and the engine's own ShardId of a marked one, or null. */
function unmarkShardId(shardId: unknown): [number, string] | null {
  const m = typeof shardId === "string" ? SHARD_ID.exec(shardId) : null;
  if (!m || Number(m[1]) === 0) return null;
  return [Number(m[1]) - 1, `shardId-${"0".repeat(MARK_DIGITS)}${m[2]}`];
}
const ITERATOR = /^(.*)\|s(\d+)$/;

async function streamArns(stub: { routerHandle(op: string, body: string): EngineResponse | Promise<EngineResponse> }, table: string): Promise<string[]> {
  const r = await stub.routerHandle("DynamoDBStreams.ListStreams", JSON.stringify({ TableName: table }));
  if (r.status !== 200) return [];
  return ((JSON.parse(r.body) as { Streams: { StreamArn: string }[] }).Streams ?? []).map((s) => s.StreamArn);
}

/**
 * The stream of table shard `index` that belongs to the table's stream `arn`, or null; `home`: the
 * table's streams as the database's object lists them (fetched here when not given).
 */
async function shardStreamArn(ctx: ShardContext, map: ShardMap, index: number, arn: string, home?: string[]): Promise<string | null> {
  const [homeArns, shard] = await Promise.all([home ?? streamArns(ctx.home(), map.table), streamArns(ctx.shard(map, index), map.table)]);
  return matchingStream(homeArns, shard, arn);
}

function matchingStream(home: string[], shard: string[], arn: string): string | null {
  const fromEnd = home.length - 1 - home.indexOf(arn);
  if (home.indexOf(arn) < 0 || fromEnd >= shard.length) return null;
  return shard[shard.length - 1 - fromEnd]!;
}

async function spreadMap(ctx: ShardContext, arn: unknown): Promise<ShardMap | null> {
  if (typeof arn !== "string") return null;
  const map = await ctx.map(tableNameOf(arn));
  return map && !map.home ? map : null;
}

/** A Streams operation on a spread table's stream, or null when it is not one (the caller sends it home). */
export async function streamsOperation(ctx: ShardContext, op: string, r: Json, text: string): Promise<EngineResponse | null> {
  if (op === "DynamoDBStreams.DescribeStream") {
    const map = await spreadMap(ctx, r.StreamArn);
    if (!map) return null;
    const described = await ctx.home().handle(op, JSON.stringify({ StreamArn: r.StreamArn }));
    if (described.status !== 200) return described;
    const out = JSON.parse(described.body) as { StreamDescription: Json };
    // The directory's list once, then every table shard at once.
    const home = await streamArns(ctx.home(), map.table);
    const answers = await Promise.all(Array.from({ length: map.shards }, async (_, i) => {
      const arn = await shardStreamArn(ctx, map, i, r.StreamArn as string, home);
      return arn ? ctx.shard(map, i).routerHandle(op, JSON.stringify({ StreamArn: arn })) : null;
    }));
    const shards: Json[] = [];
    for (const [i, d] of answers.entries()) {
      if (!d) continue;
      if (d.status !== 200) return d;
      for (const s of (JSON.parse(d.body) as { StreamDescription: { Shards: Json[] } }).StreamDescription.Shards)
        shards.push({ ...s, ShardId: markShardId(s.ShardId as string, i) });
    }
    // Paging over the shards' list, as DescribeStream pages its Shards.
    const start = typeof r.ExclusiveStartShardId === "string" ? shards.findIndex((s) => s.ShardId === r.ExclusiveStartShardId) + 1 : 0;
    const limit = typeof r.Limit === "number" ? r.Limit : 100;
    const page = shards.slice(start, start + limit);
    out.StreamDescription.Shards = page;
    delete out.StreamDescription.LastEvaluatedShardId;
    if (start + limit < shards.length) out.StreamDescription.LastEvaluatedShardId = page.at(-1)!.ShardId;
    return { status: 200, body: JSON.stringify(out) };
  }
  if (op === "DynamoDBStreams.GetShardIterator") {
    const map = await spreadMap(ctx, r.StreamArn);
    const marked = unmarkShardId(r.ShardId);
    if (!map || !marked || marked[0] >= map.shards) return null;
    const [i, shardId] = marked;
    const arn = await shardStreamArn(ctx, map, i, r.StreamArn as string);
    if (!arn) return null;
    const answer = await ctx.shard(map, i).routerHandle(op, JSON.stringify({ ...r, StreamArn: arn, ShardId: shardId }));
    if (answer.status !== 200) return answer;
    const { ShardIterator } = JSON.parse(answer.body) as { ShardIterator: string };
    return { status: 200, body: JSON.stringify({ ShardIterator: `${ShardIterator}|s${i}` }) };
  }
  if (op === "DynamoDBStreams.GetRecords") {
    const m = typeof r.ShardIterator === "string" ? ITERATOR.exec(r.ShardIterator) : null;
    if (!m) return null;
    const map = await spreadMap(ctx, m[1]!.split("|")[0]);
    const i = Number(m[2]);
    if (!map || i >= map.shards) return null;
    const answer = await ctx.shard(map, i).routerHandle(op, JSON.stringify({ ...r, ShardIterator: m[1] }));
    if (answer.status !== 200) return answer;
    const out = JSON.parse(answer.body) as { NextShardIterator?: string };
    if (out.NextShardIterator) out.NextShardIterator = `${out.NextShardIterator}|s${i}`;
    return { status: 200, body: JSON.stringify(out) };
  }
  return null;
}
