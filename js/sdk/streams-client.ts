/**
 * The real @aws-sdk/client-dynamodb-streams client with no network: a DynamoDBStreamsClient whose
 * requests (X-Amz-Target DynamoDBStreams_20120810.<op>) go to an OperationTarget through the same
 * InProcessRequestHandler the DynamoDB client uses, configured as createInProcessClient's client is
 * (a region, dummy credentials, one attempt, no request signing). Kept apart from
 * request-handler.ts so a bundle that does not read streams does not pull this client in.
 */
import { DynamoDBStreamsClient, type DynamoDBStreamsClientConfig } from "@aws-sdk/client-dynamodb-streams";
import type { OperationTarget } from "../engine/types.js";
import { InProcessRequestHandler } from "./request-handler.js";

/** A DynamoDBStreamsClient whose every command runs on target, in process. config overrides defaults. */
export function createInProcessStreamsClient(
  target: OperationTarget,
  config: DynamoDBStreamsClientConfig = {},
): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
    requestHandler: new InProcessRequestHandler(target),
    httpAuthSchemes: [
      {
        schemeId: "aws.auth#sigv4",
        identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
        signer: { sign: async (request) => request },
      },
    ],
    ...config,
  });
}
