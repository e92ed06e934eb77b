/**
 * Clients for a Worker running under Miniflare: the real AWS SDK over HTTP (dummy credentials,
 * one attempt so errors surface at once) and raw DynamoDB protocol POSTs.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

export function httpClient(endpoint: URL | string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: String(endpoint),
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
    maxAttempts: 1,
  });
}

/** POSTs one DynamoDB operation; returns the status and parsed JSON body. */
export async function postOp(
  endpoint: URL | string,
  op: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(endpoint, {
    method: "POST",
    headers: { "X-Amz-Target": `DynamoDB_20120810.${op}`, "Content-Type": "application/x-amz-json-1.0" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}
