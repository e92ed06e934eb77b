/**
 * Runs the real @aws-sdk/client-dynamodb v3 client (and everything built on it: DocumentClient,
 * ElectroDB, dynamodb-toolbox) with no network: a requestHandler that takes the serialized request,
 * reads the operation from the x-amz-target header, calls an OperationTarget (the engine in this
 * isolate, a DynamoDBEngine inside a DO, or a DO stub over RPC) and hands back DynamoDB's response,
 * from which the SDK deserializes output or its typed exceptions (ResourceNotFoundException, ...).
 * createInProcessClient() builds a client configured for it: a region, dummy credentials, one attempt
 * (a local engine's answer does not change on retry) and no SigV4 signing (nothing checks it, and it
 * is half the SDK's per-call cost).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import type { OperationTarget } from "../engine/types.js";
import { UNKNOWN_OPERATION } from "../http/errors.js";
import { newRequestId } from "../http/request-id.js";
import { operationFromTarget } from "../http/target.js";

/** The part of the SDK's HttpRequest this handler reads. */
export interface SdkHttpRequest {
  headers: Record<string, string>;
  body?: unknown;
}

/** The response shape the SDK's deserializers expect (the body must be bytes, not a string). */
export interface SdkHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

const encoder = new TextEncoder();

export class InProcessRequestHandler {
  readonly #target: OperationTarget;

  constructor(target: OperationTarget) {
    this.#target = target;
  }

  async handle(request: SdkHttpRequest): Promise<{ response: SdkHttpResponse }> {
    const op = operationFromTarget(header(request.headers, "x-amz-target"));
    if (op === null) return { response: toSdkResponse(UNKNOWN_OPERATION.status, UNKNOWN_OPERATION.body) };
    const result = await this.#target.handle(op, requestBody(request.body));
    return { response: toSdkResponse(result.status, result.body) };
  }

  /** Part of the SDK's handler interface; nothing to release. */
  destroy(): void {}

  /** Part of the SDK's handler interface. */
  updateHttpClientConfig(): void {}

  /** Part of the SDK's handler interface. */
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}

/**
 * What an in-process SDK client is configured with (DynamoDB and DynamoDB Streams alike): a
 * region, dummy credentials, one attempt, requests to target, and no request signing.
 */
export function inProcessClientDefaults(target: OperationTarget): DynamoDBClientConfig {
  return {
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
  };
}

/** A DynamoDBClient whose every command runs on target, in process. config overrides defaults. */
export function createInProcessClient(target: OperationTarget, config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ ...inProcessClientDefaults(target), ...config });
}

function toSdkResponse(statusCode: number, body: string): SdkHttpResponse {
  return {
    statusCode,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": newRequestId() },
    body: encoder.encode(body),
  };
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

function requestBody(body: unknown): string | Uint8Array {
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body === undefined || body === null) return "";
  throw new TypeError("do-dynamodb: unsupported request body type (expected string or Uint8Array)");
}
