/**
 * DynamoDB's JSON protocol (js/http/protocol.ts) over fetch's Request and Response, in front of any
 * OperationTarget: what the Worker and the Durable Object's fetch() serve. A body over 16 MB gets
 * DynamoDB's 413 before it is read in full.
 */
import type { EngineResponse, OperationTarget } from "../engine/types.js";
import { type HttpAnswer, type HttpOptions, MAX_REQUEST_BYTES, answerDynamoDB, dynamoAnswer } from "./protocol.js";

export { HEALTH_TEXT, MAX_REQUEST_BYTES, type HttpOptions } from "./protocol.js";

/** Handles one HTTP request with target; never throws (a failing target becomes a 500 error body). */
export async function handleDynamoDBHttp(request: Request, target: OperationTarget, options: HttpOptions = {}): Promise<Response> {
  const body = request.method === "GET" || request.method === "HEAD" ? new Uint8Array(0) : await readBody(request, MAX_REQUEST_BYTES);
  return toResponse(await answerDynamoDB(request, body, target, options));
}

/** A DynamoDB-style response for an engine result. */
export function dynamoResponse(result: EngineResponse, contentType?: string): Response {
  return toResponse(dynamoAnswer(result, contentType));
}

function toResponse(answer: HttpAnswer): Response {
  const empty = answer.body.length === 0 && answer.status !== 200;
  return new Response(empty ? null : answer.body, { status: answer.status, headers: answer.headers });
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
