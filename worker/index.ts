/**
 * The do-dynamodb Worker: DynamoDB's HTTP API (`POST /` or `POST /<database>` with
 * `X-Amz-Target: DynamoDB_20120810.<Op>`), one DynamoDBDurableObject per database. Runs under
 * `wrangler dev` (see wrangler.toml) for the AWS CLI, SDKs and GUIs, and deploys as is.
 * Requests are authenticated with SigV4 here, before any Durable Object is reached: DYNAMODB_AUTH
 * ("required" unless set otherwise) and DYNAMODB_ACCESS_KEYS (a secret), see js/http/auth.ts.
 */
import { placementFromEnv, routeToDatabase, shardsFromEnv } from "../js/worker/database-router.js";
import type { DynamoDBDurableObject } from "../js/do/durable-object.js";
import { authorizerFromEnv } from "../js/http/auth.js";

export { DynamoDBDurableObject } from "../js/do/durable-object.js";

export interface Env {
  DYNAMODB: DurableObjectNamespace<DynamoDBDurableObject>;
  /** "required" (default), "any-signature" or "off". */
  DYNAMODB_AUTH?: string;
  /** JSON: access key id -> secret or {"secret", "permissions"}; set with `wrangler secret put`. */
  DYNAMODB_ACCESS_KEYS?: string;
  /** Shards of each table created from now on without the do-dynamodb:shards tag (default 1; docs/SCALING.md). */
  DYNAMODB_SHARDS?: string;
  /** Cloudflare jurisdiction of every object of every database ("eu", "fedramp", "fedramp-high"; docs/SCALING.md). */
  DYNAMODB_JURISDICTION?: string;
  /** Location hint for objects created from now on ("weur", "enam", ...). */
  DYNAMODB_LOCATION_HINT?: string;
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return routeToDatabase(request, env.DYNAMODB, {
      authorize: authorizerFromEnv(env), shards: shardsFromEnv(env), ...placementFromEnv(env) });
  },
} satisfies ExportedHandler<Env>;
