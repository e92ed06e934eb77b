/**
 * The real @aws-sdk/client-dynamodb-streams client with no network: a DynamoDBStreamsClient whose
 * requests (X-Amz-Target DynamoDBStreams_20120810.<op>) go to an OperationTarget through the same
 * InProcessRequestHandler the DynamoDB client uses, with the same defaults
 * (inProcessClientDefaults). Kept apart from
 * request-handler.ts so a bundle that does not read streams does not pull this client in.
 */
import { DynamoDBStreamsClient, type DynamoDBStreamsClientConfig } from "@aws-sdk/client-dynamodb-streams";
import type { OperationTarget } from "../engine/types.js";
import { inProcessClientDefaults } from "./request-handler.js";

/** A DynamoDBStreamsClient whose every command runs on target, in process. config overrides defaults. */
export function createInProcessStreamsClient(
  target: OperationTarget,
  config: DynamoDBStreamsClientConfig = {},
): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({ ...inProcessClientDefaults(target), ...config });
}
