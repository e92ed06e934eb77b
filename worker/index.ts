/**
 * The do-dynamodb Worker: DynamoDB's HTTP API (`POST /` or `POST /<database>` with
 * `X-Amz-Target: DynamoDB_20120810.<Op>`), one DynamoDBDurableObject per database. Runs under
 * `wrangler dev` (see wrangler.toml) for the AWS CLI, SDKs and GUIs, and deploys as is.
 */
import { routeToDatabase } from "../js/do/database-router.js";
import type { DynamoDBDurableObject } from "../js/do/durable-object.js";

export { DynamoDBDurableObject } from "../js/do/durable-object.js";

export interface Env {
  DYNAMODB: DurableObjectNamespace<DynamoDBDurableObject>;
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return routeToDatabase(request, env.DYNAMODB);
  },
} satisfies ExportedHandler<Env>;
