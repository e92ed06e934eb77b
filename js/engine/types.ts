/**
 * The one interface every front door meets: an operation name ("PutItem") and DynamoDB's JSON wire
 * format in, an HTTP status and response JSON out. The in-process engine, a Durable Object (directly
 * or through an RPC stub) and the HTTP and SDK adapters all speak it, so behaviour is the same
 * whichever door a request comes through.
 */
export interface EngineResponse {
  /** HTTP status: 200, 400 (client error) or 500 (internal error). */
  status: number;
  /** Response JSON: the operation's output, or {"__type": "...#Error", "message": "..."}. */
  body: string;
}

/** Anything that can run a DynamoDB operation: WasmEngine, DynamoDBEngine, a DO stub. */
export interface OperationTarget {
  handle(op: string, body: string | Uint8Array): EngineResponse | Promise<EngineResponse>;
}
