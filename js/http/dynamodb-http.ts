/**
 * DynamoDB's JSON protocol over HTTP, in front of any OperationTarget: `POST /` with
 * `X-Amz-Target: DynamoDB_20120810.<Op>` and a JSON body (Content-Type application/x-amz-json-1.0,
 * 1.1 or application/json, any parameters such as charset ignored). Answers as DynamoDB does:
 * Content-Type application/x-amz-json-1.0 (application/json when asked in it), a random
 * x-amzn-RequestId and x-amz-crc32 of the body bytes. A wrong method or content type gets
 * DynamoDB's 404 `<UnknownOperationException/>`; GET answers a plain 200 health text (DynamoDB
 * Local would say MissingAuthenticationToken). A body over 16 MB gets DynamoDB's 413 before it is
 * read in full. With an authorizer (the Worker's, js/http/auth.ts), requests are authenticated
 * (SigV4) and permission-checked here, in DynamoDB's order: after the protocol checks (method,
 * content type, a body that is not JSON, an unknown X-Amz-Target), before the target is called;
 * nothing reaches the target (a Durable Object) until the request is authorized.
 */
import type { EngineResponse, OperationTarget } from "../engine/types.js";
import { crc32 } from "./crc32.js";
import type { RequestAuthorizer } from "./auth.js";
import { SERIALIZATION_ERROR, UNKNOWN_OPERATION, internalServerError } from "./errors.js";
import { isDynamoDBOperation } from "./operations.js";
import { newRequestId } from "./request-id.js";
import { operationFromTarget } from "./target.js";

const JSON_10 = "application/x-amz-json-1.0";
const ACCEPTED_TYPES = new Set([JSON_10, "application/x-amz-json-1.1", "application/json"]);
const encoder = new TextEncoder();

export const HEALTH_TEXT = "do-dynamodb: ok\n";

/** DynamoDB's request size limit: a larger body is refused with HTTP 413 (exactly 16 MB is accepted). */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export interface HttpOptions {
  /** Authenticates and authorizes each request before the target sees it; none: no checks. */
  authorize?: RequestAuthorizer;
}

/** Handles one HTTP request with target; never throws (a failing target becomes a 500 error body). */
export async function handleDynamoDBHttp(
  request: Request,
  target: OperationTarget,
  options: HttpOptions = {},
): Promise<Response> {
  if (request.method === "GET" || request.method === "HEAD") {
    return new Response(request.method === "GET" ? HEALTH_TEXT : null, {
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  let body = await readBody(request, MAX_REQUEST_BYTES);
  if (body === null) return new Response(null, { status: 413 });
  const contentType = mediaType(request.headers.get("Content-Type"));
  if (request.method !== "POST" || (body.length > 0 && !ACCEPTED_TYPES.has(contentType))) {
    return notFound();
  }
  const responseType = contentType === "application/json" ? contentType : JSON_10;
  const op = operationFromTarget(request.headers.get("X-Amz-Target"));
  if (options.authorize) {
    // DynamoDB answers a body that is not JSON, then an unknown target, before authentication.
    if (op === null || !isDynamoDBOperation(op)) {
      return dynamoResponse(body.length > 0 && !isJson(body) ? SERIALIZATION_ERROR : UNKNOWN_OPERATION, responseType);
    }
    let decision;
    try {
      decision = await options.authorize(request, op, body);
    } catch (err) {
      console.error(`do-dynamodb: authorizing ${op} failed:`, err);
      return dynamoResponse(internalServerError(), responseType);
    }
    if (!decision.ok) {
      return dynamoResponse(body.length > 0 && !isJson(body) ? SERIALIZATION_ERROR : decision.error, responseType);
    }
    body = decision.body;
  }
  if (op === null && body.length === 0) return dynamoResponse(UNKNOWN_OPERATION, responseType);
  if (body.length === 0) return dynamoResponse(SERIALIZATION_ERROR, responseType);
  // With no usable target the engine still answers: DynamoDB reports a body that is not JSON
  // (SerializationException) before an unknown operation, and the engine checks in that order.
  let result: EngineResponse;
  try {
    result = await target.handle(op ?? "", body);
  } catch (err) {
    console.error(`do-dynamodb: ${op} failed:`, err);
    result = internalServerError();
  }
  if (op === "DescribeEndpoints" && result.status === 200) result = endpointsAt(request, result);
  return dynamoResponse(result, responseType);
}

/** DescribeEndpoints names the address this request reached (the engine cannot know it). */
function endpointsAt(request: Request, result: EngineResponse): EngineResponse {
  const address = request.headers.get("Host") ?? new URL(request.url).host;
  const out = JSON.parse(result.body) as { Endpoints: { Address: string }[] };
  for (const endpoint of out.Endpoints) endpoint.Address = address;
  return { status: result.status, body: JSON.stringify(out) };
}

/** A DynamoDB-style response for an engine result. */
export function dynamoResponse(result: EngineResponse, contentType = JSON_10): Response {
  const bytes = encoder.encode(result.body);
  return new Response(bytes, {
    status: result.status,
    headers: {
      "Content-Type": contentType,
      "x-amzn-RequestId": newRequestId(),
      "x-amz-crc32": String(crc32(bytes)),
    },
  });
}

function notFound(): Response {
  const bytes = encoder.encode("<UnknownOperationException/>\n");
  return new Response(bytes, {
    status: 404,
    headers: { "x-amzn-RequestId": newRequestId(), "x-amz-crc32": String(crc32(bytes)) },
  });
}

/**
 * The request body, or null when it is larger than limit bytes: a Content-Length over the limit is
 * refused without reading, and a streamed body is read only up to the limit.
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (declared > limit) {
    await request.body?.cancel().catch(() => {});
    return null;
  }
  if (request.body === null) return new Uint8Array(0);
  if (declared >= 0) {
    // The length is known and within the limit: one read (a reader loop costs a promise per chunk).
    // A body longer than it declared (possible only for a Request built in this isolate; HTTP framing
    // bounds a received one) is still refused.
    const bytes = new Uint8Array(await request.arrayBuffer());
    return bytes.length > limit ? null : bytes;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const decoder = new TextDecoder();

function isJson(body: Uint8Array): boolean {
  try {
    JSON.parse(decoder.decode(body));
    return true;
  } catch {
    return false;
  }
}

function mediaType(header: string | null): string {
  if (!header) return "";
  const semi = header.indexOf(";");
  return (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
}
