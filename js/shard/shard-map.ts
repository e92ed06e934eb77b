/**
 * How a table's items are spread over Durable Objects (docs/SCALING.md). A partition key's hash
 * (the engine's PartitionHash: 32-bit FNV-1a of its encoded value, the hash parallel Scan segments
 * split) picks one of BUCKETS buckets by its top 16 bits; a table of N shards gives each shard an
 * equal, contiguous range of buckets, and a split hands half of a range to a new object, so
 * buckets move, never single keys. Shard i of a table lives in the object named
 * `<database>/<TableId>/<i>`, a range a split made in `<database>/<TableId>/r<first bucket>`: a table
 * deleted and created again gets new objects, so a router holding an old map can only reach
 * objects the table has left. A one-shard table lives in the database's own object, as every
 * table did before sharding, until its first split moves it out.
 */

/** Buckets in the hash space: a table may have at most this many shards. */
export const BUCKETS = 65536;
/** The tag that sets a table's shard count at CreateTable (the engine's kShardsTag). */
export const SHARDS_TAG = "do-dynamodb:shards";
/** The largest shard count a table may ask for. */
export const MAX_SHARDS = 1024;

/** A range of buckets [lo, hi) and the object that holds it (its full name). */
export interface ShardRange {
  readonly lo: number;
  readonly hi: number;
  readonly object: string;
}

/**
 * What a router knows of a table: from the database's object (the engine's "@ShardMap"). A table
 * is created over `created` equal ranges; splits (docs/SCALING.md, "Splits") divide them, and
 * the directory's map lists every range in the order it was made (so a range keeps its index, by
 * which stream shards are numbered), with a version that grows with each split.
 */
export interface ShardMap {
  readonly table: string;
  readonly tableId: string;
  /** The objects that hold the table's items (ranges.length). */
  readonly shards: number;
  /** The shard count the table was created with: Scan's groups (scanGroups). */
  readonly created: number;
  readonly ranges: readonly ShardRange[];
  readonly version: number;
  /** Whether the database's own object holds all of the table (one range, there). */
  readonly home: boolean;
  readonly hashKey: string;
  readonly localIndexes: readonly string[];
  /**
   * GSIs partitioned by their own key (js/shard/index-shards.ts): each GSI's index shard count
   * (the table's shard count at creation) and the GSIs with their HASH attributes. Absent: the
   * table's GSIs are kept in each shard beside the items (tables created before).
   */
  readonly indexShards?: number;
  readonly globalIndexes?: readonly GlobalIndexMap[];
}

/** A GSI partitioned by its own key, as the router knows it. */
export interface GlobalIndexMap {
  readonly name: string;
  readonly hashKeys: readonly string[];
  /** Created online and not yet ACTIVE when the map was read (index-shards.ts). */
  readonly creating?: boolean;
}

/** The bucket of a partition key hash (0 <= hash < 2^32): its top 16 bits. */
export function bucketOfHash(hash: number): number {
  return hash >>> 16;
}

/** The shard of a partition key hash in a table of `shards` equal ranges (as created). */
export function shardOfHash(hash: number, shards: number): number {
  return Math.floor((bucketOfHash(hash) * shards) / BUCKETS);
}

/** The first bucket of equal range i of n. */
function rangeStart(i: number, n: number): number {
  return Math.ceil((i * BUCKETS) / n);
}

/** The index in map.ranges of the range that holds bucket. */
export function rangeOfBucket(map: ShardMap, bucket: number): number {
  const i = map.ranges.findIndex((r) => r.lo <= bucket && bucket < r.hi);
  return i < 0 ? 0 : i;
}

/**
 * The buckets parallel Scan segment `segment` of `total` covers, [lo, hi): the engine puts hash h
 * in segment floor(h * total / 2^32), so the segment holds the hashes
 * ceil(segment * 2^32 / total) .. ceil((segment + 1) * 2^32 / total) - 1.
 */
export function bucketsOfSegment(segment: number, total: number): [number, number] {
  const first = Math.ceil((segment * 2 ** 32) / total);
  const last = Math.ceil(((segment + 1) * 2 ** 32) / total) - 1;
  return [bucketOfHash(first), bucketOfHash(last) + 1];
}

/**
 * Scan's groups: the table's ranges as it was created, in bucket order, each with the indexes of
 * the ranges (objects) it has split into, in bucket order, that share buckets with [lo, hi) (a
 * parallel Scan segment's). A group is one key order: a Scan page's LastEvaluatedKey names a place
 * in it however often it splits (shard-scan.ts).
 */
export function scanGroups(map: ShardMap, lo = 0, hi = BUCKETS): { lo: number; hi: number; members: number[] }[] {
  const groups = [];
  for (let g = 0; g < map.created; g++) {
    const group = { lo: rangeStart(g, map.created), hi: rangeStart(g + 1, map.created) };
    if (group.hi <= lo || group.lo >= hi) continue;
    const members = map.ranges
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.lo < group.hi && r.hi > group.lo && r.lo < hi && r.hi > lo)
      .sort((a, b) => a.r.lo - b.r.lo)
      .map(({ i }) => i);
    groups.push({ ...group, members });
  }
  return groups;
}

/** The shard count a CreateTable request's Tags ask for; undefined if none, an error text if invalid. */
export function requestedShards(tags: unknown): number | string | undefined {
  if (!Array.isArray(tags)) return undefined;
  for (const tag of tags) {
    if (typeof tag !== "object" || tag === null || (tag as { Key?: unknown }).Key !== SHARDS_TAG) continue;
    const value = (tag as { Value?: unknown }).Value;
    const n = typeof value === "string" && /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= MAX_SHARDS)) return `The tag ${SHARDS_TAG} must be a whole number from 1 to ${MAX_SHARDS}: ${String(value)}`;
    return n;
  }
  return undefined;
}

/** DYNAMODB_SHARDS as a shard count (1 when unset or not a whole number from 1 to 1024). */
export function shardsFromEnv(env: { DYNAMODB_SHARDS?: string | number }): number {
  const n = Number(env.DYNAMODB_SHARDS ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= MAX_SHARDS ? n : 1;
}
