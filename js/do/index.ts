/**
 * do-dynamodb/do: the Durable Object side. DynamoDBDurableObject (one database per object, RPC
 * handle(op, body) and the HTTP protocol), withDynamoDB(Base) for a DynamoDB client on any object's
 * own storage, DynamoDBEngine, the database router (shardedDatabase: tables spread over several
 * objects, docs/SCALING.md), and DynamoDBClient for binding a namespace:
 * `new DynamoDBClient({ doNamespace: env.DYNAMODB, database: "orders" })`.
 */
export { DynamoDBDurableObject } from "./durable-object.js";
export { DynamoDBEngine, type DynamoDBEngineOptions } from "./dynamodb-engine.js";
export { withDynamoDB, type WithDynamoDBOptions } from "./with-dynamodb.js";
export { TableDeclarationError, type TableDefinition } from "./declared-tables.js";
export { SharedAlarm, type AlarmOwner } from "./shared-alarm.js";
export { DEFAULT_DATABASE, databaseFromPath, placementFromEnv, routeToDatabase, shardsFromEnv, type RouteOptions } from "../worker/database-router.js";
export type { Placement } from "../shard/shard-context.js";
export { shardedDatabase } from "../shard/sharded-databases.js";
export type { ShardedDatabase, ShardedDatabaseOptions } from "../shard/sharded-database.js";
export { type DynamoDBClientConfig, type DurableObjectNamespaceLike } from "../client/client.js";
export { DynamoDBClient, type ShardedClientConfig } from "./sharded-client.js";
export { default as engineModule } from "./engine-module.js";
