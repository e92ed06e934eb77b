/**
 * The routers of a namespace's databases, one per (namespace, database, default shard count) per
 * isolate, so their cached shard maps serve every request the isolate handles.
 */
import engineModule from "../do/engine-module.js";
import type { ShardNamespace } from "./shard-context.js";
import { ShardedDatabase, type ShardedDatabaseOptions } from "./sharded-database.js";

const routers = new WeakMap<object, Map<string, ShardedDatabase>>();

/**
 * The database `database` in namespace (DynamoDBDurableObject or a subclass) as one OperationTarget:
 * give it to createInProcessClient, or to DynamoDBClient as `{ target }`, to reach tables spread
 * over several objects as the Worker's HTTP door does.
 */
export function shardedDatabase(namespace: ShardNamespace, database: string, options: ShardedDatabaseOptions = {}): ShardedDatabase {
  let byName = routers.get(namespace);
  if (!byName) routers.set(namespace, (byName = new Map()));
  const key = JSON.stringify([options.shards ?? 1, options.jurisdiction, options.locationHint, options.partitionKey, options.transactionTimeoutMs, database]);
  let router = byName.get(key);
  if (!router) byName.set(key, (router = new ShardedDatabase(namespace, database, engineModule, options)));
  return router;
}
