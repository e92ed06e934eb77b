/**
 * DynamoDBClient as do-dynamodb/do exports it: the package's client, plus the options of a
 * database whose tables are spread over several Durable Objects (docs/SCALING.md):
 *   new DynamoDBClient({ doNamespace: env.DYNAMODB, database: "orders", shard: { count: 4, key: "pk" } })
 * `shard.count` (1 to 1024) shards for the tables this client creates without the
 * do-dynamodb:shards tag; `shard.key` the partition key those tables must have ("partitionKey":
 * whatever each table's is), since DynamoDB, and this router, spread a table by its partition key;
 * `jurisdiction` and `locationHint` as in shardedDatabase(). Requests go through the shard router
 * (shardedDatabase), which the Worker's HTTP door uses too, so this client reaches spread tables
 * however they were created, with or without these options. Anything invalid is a TypeError here.
 */
import { DynamoDBClient as BaseClient, type DynamoDBClientConfig } from "../client/client.js";
import { DEFAULT_DATABASE, isDatabaseName } from "../worker/database-name.js";
import { JURISDICTIONS, LOCATION_HINTS, type Placement, type ShardNamespace } from "../shard/shard-context.js";
import { MAX_SHARDS } from "../shard/shard-map.js";
import { shardedDatabase } from "../shard/sharded-databases.js";

export interface ShardedClientConfig extends DynamoDBClientConfig, Placement {
  shard?: { count: number; key?: string };
}

function checked(config: ShardedClientConfig): DynamoDBClientConfig {
  const { shard, jurisdiction, locationHint, ...rest } = config ?? {};
  if (!rest.doNamespace || rest.target) {
    if (shard !== undefined || jurisdiction !== undefined || locationHint !== undefined)
      throw new TypeError("do-dynamodb: shard, jurisdiction and locationHint need { doNamespace, database } (and no target)");
    return rest;
  }
  if (shard !== undefined) {
    if (typeof shard !== "object" || shard === null) throw new TypeError("do-dynamodb: shard must be { count, key }");
    if (!Number.isInteger(shard.count) || shard.count < 1 || shard.count > MAX_SHARDS)
      throw new TypeError(`do-dynamodb: shard.count must be a whole number from 1 to ${MAX_SHARDS}: ${String(shard.count)}`);
    if (shard.key !== undefined && (typeof shard.key !== "string" || shard.key === ""))
      throw new TypeError("do-dynamodb: shard.key must name the tables' partition key (a table is spread by its partition key)");
  }
  if (jurisdiction !== undefined && !(JURISDICTIONS as readonly string[]).includes(jurisdiction))
    throw new TypeError(`do-dynamodb: jurisdiction must be one of ${JURISDICTIONS.join(", ")}: ${String(jurisdiction)}`);
  if (locationHint !== undefined && !(LOCATION_HINTS as readonly string[]).includes(locationHint))
    throw new TypeError(`do-dynamodb: locationHint must be one of ${LOCATION_HINTS.join(", ")}: ${String(locationHint)}`);
  const database = rest.database ?? DEFAULT_DATABASE;
  if (!isDatabaseName(database)) throw new TypeError(`do-dynamodb: invalid database name: ${JSON.stringify(database)}`);
  const { doNamespace, database: _database, ...others } = rest;
  const target = shardedDatabase(doNamespace as ShardNamespace, database, {
    shards: shard?.count ?? 1, partitionKey: shard?.key, jurisdiction, locationHint });
  return { ...others, target };
}

export class DynamoDBClient extends BaseClient {
  constructor(config: ShardedClientConfig) {
    super(checked(config));
  }
}
