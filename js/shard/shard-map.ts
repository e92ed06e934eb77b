/**
 * How a table's items are spread over Durable Objects (docs/SCALING.md). A partition key's hash
 * (the engine's PartitionHash: 32-bit FNV-1a of its encoded value, the hash parallel Scan segments
 * split) picks one of BUCKETS buckets by its top 16 bits; a table of N shards gives each shard an
 * equal, contiguous range of buckets, so a later split moves buckets, never single keys. Shard i of
 * a table lives in the object named `<database>/<TableId>/<i>`: a table deleted and created again
 * gets new objects, so a router holding an old map can only reach objects the table has left.
 * A one-shard table lives in the database's own object, as every table did before sharding.
 */

/** Buckets in the hash space: a table may have at most this many shards. */
export const BUCKETS = 65536;
/** The tag that sets a table's shard count at CreateTable (the engine's kShardsTag). */
export const SHARDS_TAG = "do-dynamodb:shards";
/** The largest shard count a table may ask for. */
export const MAX_SHARDS = 1024;

/** What a router knows of a table: from the database's object (the engine's "@ShardMap"). */
export interface ShardMap {
  readonly table: string;
  readonly tableId: string;
  readonly shards: number;
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

/** The shard of a partition key hash (0 <= hash < 2^32). */
export function shardOfHash(hash: number, shards: number): number {
  return Math.floor(((hash >>> 16) * shards) / BUCKETS);
}

/**
 * The shards parallel Scan segment `segment` of `total` can have items on, first to last: the
 * engine puts hash h in segment floor(h * total / 2^32), so the segment holds the hashes
 * ceil(segment * 2^32 / total) .. ceil((segment + 1) * 2^32 / total) - 1.
 */
export function shardsOfSegment(segment: number, total: number, shards: number): [number, number] {
  const first = Math.ceil((segment * 2 ** 32) / total);
  const last = Math.ceil(((segment + 1) * 2 ** 32) / total) - 1;
  return [shardOfHash(first, shards), shardOfHash(last, shards)];
}

/** The name of the object that holds shard `index` of a table. */
export function shardObjectName(database: string, map: ShardMap, index: number): string {
  return `${database}/${map.tableId}/${index}`;
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
