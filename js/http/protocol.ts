/**
 * DynamoDB's JSON protocol, independent of any HTTP library: a request's head (method, URL,
 * headers) and body bytes in, an answer (status, headers, body bytes) out. The Worker reaches it
 * through fetch's Request/Response (dynamodb-http.ts); the Node server (js/server/) through
 * node:http, without building fetch objects (they cost ~80 µs a request in Node 20, more than the
 * engine: docs/PERFORMANCE.md).
 *
 * `POST /` with `X-Amz-Target: DynamoDB_20120810.<Op>` and a JSON body (Content-Type
 * application/x-amz-json-1.0, 1.1 or application/json, any parameters such as charset ignored).
 * Answers as DynamoDB does: Content-Type application/x-amz-json-1.0 (application/json when asked in
 * it), a random x-amzn-RequestId and x-amz-crc32 of the body bytes. A wrong method or content type
 * gets DynamoDB's 404 `<UnknownOperationException/>`; GET answers a plain 200 health text (DynamoDB
 * Local would say MissingAuthenticationToken); a body over 16 MB, 413 (the transport refuses it
 * while reading: body null). With an authorizer (js/http/auth.ts), requests are authenticated (SigV4)
 * and permission-checked here, in DynamoDB's order: after the protocol checks (method, content
 * type, a body that is not JSON, an unknown X-Amz-Target), before the target is called; nothing
 * reaches the target (a Durable Object) until the request is authorized.
 */
import type { EngineResponse, OperationTarget } from "../engine/types.js";
import { crc32 } from "./crc32.js";
import type { RequestAuthorizer } from "./auth.js";
import { SERIALIZATION_ERROR, UNKNOWN_OPERATION, internalServerError } from "./errors.js";
import { isDynamoDBOperation } from "./operations.js";
import { newRequestId } from "./request-id.js";
import { operationFromTarget } from "./target.js";

/** What the protocol reads of a request besides its body; a fetch Request is one. */
export interface RequestHead {
  method: string;
  /** Absolute URL (SigV4 signs its path and query). */
  url: string;
  headers: { get(name: string): string | null; has(name: string): boolean };
}

/** An HTTP answer: status, headers, body bytes (empty for none). */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface HttpOptions {
  /** Authenticates and authorizes each request before the target sees it; none: no checks. */
  authorize?: RequestAuthorizer;
}

const JSON_10 = "application/x-amz-json-1.0";
const ACCEPTED_TYPES = new Set([JSON_10, "application/x-amz-json-1.1", "application/json"]);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const HEALTH_TEXT = "do-dynamodb: ok\n";

/** DynamoDB's request size limit: a larger body is refused with HTTP 413 (exactly 16 MB is accepted). */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** GET and HEAD: the health text (no body for HEAD). */
export function healthAnswer(method: string): HttpAnswer {
  return { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: method === "HEAD" ? new Uint8Array(0) : encoder.encode(HEALTH_TEXT) };
}

/** 413: the body is over MAX_REQUEST_BYTES. */
export const TOO_LARGE: HttpAnswer = Object.freeze({ status: 413, headers: {}, body: new Uint8Array(0) });

/**
 * Answers one request whose body has been read (null: it was over MAX_REQUEST_BYTES and was not
 * read in full). Never throws: a failing target becomes a 500 error body.
 */
export async function answerDynamoDB(head: RequestHead, bodyOrNull: Uint8Array | null, target: OperationTarget, options: HttpOptions = {}): Promise<HttpAnswer> {
  if (head.method === "GET" || head.method === "HEAD") return healthAnswer(head.method);
  if (bodyOrNull === null) return TOO_LARGE;
  let body = bodyOrNull;
  const contentType = mediaType(head.headers.get("Content-Type"));
  if (head.method !== "POST" || (body.length > 0 && !ACCEPTED_TYPES.has(contentType))) return notFound();
  const responseType = contentType === "application/json" ? contentType : JSON_10;
  const op = operationFromTarget(head.headers.get("X-Amz-Target"));
  if (options.authorize) {
    // DynamoDB answers a body that is not JSON, then an unknown target, before authentication.
    if (op === null || !isDynamoDBOperation(op)) {
      return dynamoAnswer(body.length > 0 && !isJson(body) ? SERIALIZATION_ERROR : UNKNOWN_OPERATION, responseType);
    }
    let decision;
    try {
      decision = await options.authorize(head, op, body);
    } catch (err) {
      console.error(`do-dynamodb: authorizing ${op} failed:`, err);
      return dynamoAnswer(internalServerError(), responseType);
    }
    if (!decision.ok) {
      return dynamoAnswer(body.length > 0 && !isJson(body) ? SERIALIZATION_ERROR : decision.error, responseType);
    }
    body = decision.body;
  }
  if (op === null && body.length === 0) return dynamoAnswer(UNKNOWN_OPERATION, responseType);
  if (body.length === 0) return dynamoAnswer(SERIALIZATION_ERROR, responseType);
  // With no usable target the engine still answers: DynamoDB reports a body that is not JSON
  // (SerializationException) before an unknown operation, and the engine checks in that order.
  let result: EngineResponse;
  try {
    result = await target.handle(op ?? "", body);
  } catch (err) {
    console.error(`do-dynamodb: ${op} failed:`, err);
    result = internalServerError();
  }
  if (op === "DescribeEndpoints" && result.status === 200) result = endpointsAt(head, result);
  return dynamoAnswer(result, responseType);
}

/** A DynamoDB-style answer for an engine result. */
export function dynamoAnswer(result: EngineResponse, contentType = JSON_10): HttpAnswer {
  const body = encoder.encode(result.body);
  return {
    status: result.status,
    headers: { "Content-Type": contentType, "x-amzn-RequestId": newRequestId(), "x-amz-crc32": String(crc32(body)) },
    body,
  };
}

/** DescribeEndpoints names the address this request reached (the engine cannot know it). */
function endpointsAt(head: RequestHead, result: EngineResponse): EngineResponse {
  const address = head.headers.get("Host") ?? new URL(head.url).host;
  const out = JSON.parse(result.body) as { Endpoints: { Address: string }[] };
  for (const endpoint of out.Endpoints) endpoint.Address = address;
  return { status: result.status, body: JSON.stringify(out) };
}

function notFound(): HttpAnswer {
  const body = encoder.encode("<UnknownOperationException/>\n");
  return { status: 404, headers: { "x-amzn-RequestId": newRequestId(), "x-amz-crc32": String(crc32(body)) }, body };
}

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
