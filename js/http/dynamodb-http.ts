/**
 * DynamoDB's JSON protocol over HTTP, in front of any OperationTarget: `POST /` with
 * `X-Amz-Target: DynamoDB_20120810.<Op>` and a JSON body (Content-Type application/x-amz-json-1.0,
 * 1.1 or application/json, any parameters such as charset ignored). Answers as DynamoDB does:
 * Content-Type application/x-amz-json-1.0 (application/json when asked in it), a random
 * x-amzn-RequestId and x-amz-crc32 of the body bytes. A wrong method or content type gets
 * DynamoDB's 404 `<UnknownOperationException/>`; GET answers a plain 200 health text (DynamoDB
 * Local would say MissingAuthenticationToken). Authentication (SigV4) is not checked yet: it belongs
 * here, before the target is called.
 */
import type { EngineResponse, OperationTarget } from "../engine/types.js";
import { crc32 } from "./crc32.js";
import { SERIALIZATION_ERROR, UNKNOWN_OPERATION, internalServerError } from "./errors.js";
import { newRequestId } from "./request-id.js";
import { operationFromTarget } from "./target.js";

const JSON_10 = "application/x-amz-json-1.0";
const ACCEPTED_TYPES = new Set([JSON_10, "application/x-amz-json-1.1", "application/json"]);
const encoder = new TextEncoder();

export const HEALTH_TEXT = "do-dynamodb: ok\n";

/** Handles one HTTP request with target; never throws (a failing target becomes a 500 error body). */
export async function handleDynamoDBHttp(request: Request, target: OperationTarget): Promise<Response> {
  if (request.method === "GET" || request.method === "HEAD") {
    return new Response(request.method === "GET" ? HEALTH_TEXT : null, {
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const body = new Uint8Array(await request.arrayBuffer());
  const contentType = mediaType(request.headers.get("Content-Type"));
  if (request.method !== "POST" || (body.length > 0 && !ACCEPTED_TYPES.has(contentType))) {
    return notFound();
  }
  const responseType = contentType === "application/json" ? contentType : JSON_10;
  const op = operationFromTarget(request.headers.get("X-Amz-Target"));
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
  return dynamoResponse(result, responseType);
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

function mediaType(header: string | null): string {
  if (!header) return "";
  const semi = header.indexOf(";");
  return (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
}
