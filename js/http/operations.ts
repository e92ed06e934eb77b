/**
 * What authentication asks of a request before it reaches any Durable Object: whether DynamoDB has
 * the operation (an unknown X-Amz-Target is answered before authentication, as DynamoDB does),
 * whether it only reads (both from the operation table, js/engine/operations.ts), and which tables
 * it names (to check a key's per-table permissions). The engine implements a subset; an operation
 * it does not implement is still answered UnknownOperationException by the engine, after
 * authentication.
 */
import { operationFacts } from "../engine/operations.js";

/** Whether DynamoDB has an operation of this name. */
export function isDynamoDBOperation(op: string): boolean {
  return operationFacts(op) !== undefined;
}

/** Whether op only reads data or metadata; every other operation needs write permission. */
export function isReadOperation(op: string): boolean {
  return operationFacts(op)?.access === "read";
}

const TRANSACT_ACTIONS = ["Get", "Put", "Update", "Delete", "ConditionCheck"] as const;

/**
 * The table names a request body names: TableName, the keys of RequestItems (batch operations),
 * every TransactItems[].<action>.TableName, a table ResourceArn, a StreamArn and the stream ARN a
 * ShardIterator starts with (DynamoDB Streams). ARNs become table names.
 * Empty when the body names none (ListTables, or a request missing its TableName).
 */
export function tablesInRequest(request: unknown): string[] {
  const tables = new Set<string>();
  if (typeof request !== "object" || request === null) return [];
  const r = request as Record<string, unknown>;
  const add = (name: unknown) => {
    if (typeof name === "string" && name !== "") tables.add(tableNameOf(name));
  };
  add(r.TableName);
  add(r.ResourceArn);
  add(r.StreamArn);
  if (typeof r.ShardIterator === "string") add(r.ShardIterator.split("|")[0]);
  if (typeof r.RequestItems === "object" && r.RequestItems !== null && !Array.isArray(r.RequestItems)) {
    for (const name of Object.keys(r.RequestItems)) add(name);
  }
  if (Array.isArray(r.TransactItems)) {
    for (const item of r.TransactItems) {
      if (typeof item !== "object" || item === null) continue;
      for (const action of TRANSACT_ACTIONS) {
        const inner = (item as Record<string, unknown>)[action];
        if (typeof inner === "object" && inner !== null) add((inner as Record<string, unknown>).TableName);
      }
    }
  }
  return [...tables];
}

/** "arn:aws:dynamodb:r:a:table/Orders[/index/...]" -> "Orders"; any other string is itself. */
export function tableNameOf(nameOrArn: string): string {
  const m = /^arn:[^:]*:dynamodb:[^:]*:[^:]*:table\/([^/]+)/.exec(nameOrArn);
  return m ? m[1]! : nameOrArn;
}
