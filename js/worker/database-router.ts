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
import { DEFAULT_DATABASE, isDatabaseName } from "./database-name.js";

export { DEFAULT_DATABASE } from "./database-name.js";

/** The database a path names, or null if the path is not a database path. */
export function databaseFromPath(pathname: string): string | null {
  const name = pathname.replace(/^\/+|\/+$/g, "");
  if (name === "") return DEFAULT_DATABASE;
  return isDatabaseName(name) ? name : null;
}

/** Serves one request with the database's object from namespace (of the class or a subclass). */
export function routeToDatabase<T extends DynamoDBDurableObject<any>>(
  request: Request,
  namespace: DurableObjectNamespace<T>,
  options: HttpOptions = {},
): Promise<Response> {
  const database = databaseFromPath(new URL(request.url).pathname);
  if (database === null) return Promise.resolve(new Response("Not found\n", { status: 404 }));
  if (request.method === "GET") return Promise.resolve(new Response(HEALTH_TEXT));
  // The stub is only a handle: the object is not reached until the request passes authorization.
  const stub: OperationTarget = namespace.get(namespace.idFromName(database));
  return handleDynamoDBHttp(request, stub, options);
}
