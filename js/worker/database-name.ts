/**
 * A database's name: the Durable Object that holds it is namespace.idFromName(name). The Worker's
 * router reads the name from the URL path (js/worker/database-router.ts), DynamoDBClient from its
 * `{ doNamespace, database }` config; both accept the same names, so an HTTP endpoint `/<name>` and
 * a client configured with `database: name` reach the same object.
 */

/** The database a request names when it names none (the URL path `/`, a client without `database`). */
export const DEFAULT_DATABASE = "default";

const DATABASE_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** Whether name is a valid database name: [A-Za-z0-9_.-]{1,128}. */
export function isDatabaseName(name: string): boolean {
  return DATABASE_NAME.test(name);
}

/** The database a URL path names (`/` is the default, `/<name>` another), or null if it names none. */
export function databaseFromPath(pathname: string): string | null {
  const name = pathname.replace(/^\/+|\/+$/g, "");
  if (name === "") return DEFAULT_DATABASE;
  return isDatabaseName(name) ? name : null;
}
