/**
 * Routes DynamoDB HTTP requests to one Durable Object per database. The database is the URL path's
 * single segment (`/orders` -> "orders"; `/` -> "default"), so a client picks one through its
 * endpoint URL (`--endpoint-url http://host/orders`). The Worker parses the HTTP protocol and calls
 * the object's handle() over RPC, so authentication is checked (options.authorize, from
 * js/http/auth.ts) before any object wakes up. Without an authorizer every request is served.
 */
import type { OperationTarget } from "../engine/types.js";
import type { DynamoDBDurableObject } from "../do/durable-object.js";
import { HEALTH_TEXT, type HttpOptions, handleDynamoDBHttp } from "../http/dynamodb-http.js";
import { databaseFromPath } from "./database-name.js";
import { shardedDatabase } from "../shard/sharded-databases.js";
import { JURISDICTIONS, LOCATION_HINTS, type Placement } from "../shard/shard-context.js";

export { DEFAULT_DATABASE, databaseFromPath } from "./database-name.js";
export { shardsFromEnv } from "../shard/shard-map.js";


export interface RouteOptions extends HttpOptions, Placement {
  /** Shards of tables created without the do-dynamodb:shards tag (the DYNAMODB_SHARDS variable; default 1). */
  shards?: number;
}

/**
 * Serves one request with the database in namespace (of the class or a subclass): its own object,
 * and the shards of its tables spread over several objects (js/shard/, docs/SCALING.md).
 */
export function routeToDatabase<T extends DynamoDBDurableObject<any>>(
  request: Request,
  namespace: DurableObjectNamespace<T>,
  options: RouteOptions = {},
): Promise<Response> {
  const database = databaseFromPath(new URL(request.url).pathname);
  if (database === null) return Promise.resolve(new Response("Not found\n", { status: 404 }));
  if (request.method === "GET") return Promise.resolve(new Response(HEALTH_TEXT));
  // Only handles: no object is reached until the request passes authorization.
  const target: OperationTarget = shardedDatabase(namespace, database, {
    shards: options.shards ?? 1, jurisdiction: options.jurisdiction, locationHint: options.locationHint });
  return handleDynamoDBHttp(request, target, options);
}

/**
 * DYNAMODB_JURISDICTION and DYNAMODB_LOCATION_HINT as a Placement. A jurisdiction that is set but
 * not one of Cloudflare's is an error, not ignored: data must not land outside the one meant.
 */
export function placementFromEnv(env: { DYNAMODB_JURISDICTION?: string; DYNAMODB_LOCATION_HINT?: string }): Placement {
  const { DYNAMODB_JURISDICTION: j, DYNAMODB_LOCATION_HINT: hint } = env;
  if (j && !(JURISDICTIONS as readonly string[]).includes(j))
    throw new Error(`do-dynamodb: DYNAMODB_JURISDICTION must be one of ${JURISDICTIONS.join(", ")}: ${j}`);
  if (hint && !(LOCATION_HINTS as readonly string[]).includes(hint))
    throw new Error(`do-dynamodb: DYNAMODB_LOCATION_HINT must be one of ${LOCATION_HINTS.join(", ")}: ${hint}`);
  return { jurisdiction: (j || undefined) as Placement["jurisdiction"], locationHint: (hint || undefined) as Placement["locationHint"] };
}
