/**
 * The few DynamoDB error bodies produced by the transport layers themselves (HTTP, the Durable
 * Object's RPC method, the in-process SDK handler; the engine produces all others): an unknown
 * X-Amz-Target, an unreadable body, and an internal error when a request could not run (e.g. the
 * engine trapped and the transaction rolled back).
 */
import type { EngineResponse } from "../engine/types.js";

/** An operation name DynamoDB does not have (or an internal one, "@Maintain", asked for from outside). */
export const UNKNOWN_OPERATION: EngineResponse = Object.freeze({
  status: 400,
  body: '{"__type":"com.amazon.coral.service#UnknownOperationException"}',
});

export const SERIALIZATION_ERROR: EngineResponse = Object.freeze({
  status: 400,
  body: '{"__type":"com.amazon.coral.service#SerializationException"}',
});

export function internalServerError(message = "Internal server error"): EngineResponse {
  return {
    status: 500,
    body: JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message }),
  };
}
