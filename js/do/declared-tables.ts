/**
 * Tables declared in code, applied to an engine before its first request (DynamoDBEngine's
 * `tables` option): a missing table is created; an existing one gets the global index, stream,
 * Time to Live and billing changes its declaration asks for (js/do/table-plan.ts); a stored table
 * that is not declared is left alone, never deleted. Each declared table's definition is read once
 * ("@DescribeTableDefinition", which writes nothing), so an unchanged declaration costs one read
 * per table and no write. A malformed declaration, or one that conflicts with its stored table,
 * throws TableDeclarationError before anything is changed.
 */
import type { EngineResponse } from "../engine/types.js";
import { planCreate, planUpdate, type EngineRequest, type StoredDefinition, type TableDefinition, type TablePlan } from "./table-plan.js";

export type { TableDefinition } from "./table-plan.js";

/** The internal operation that reads a table's definition without writing (wasm/src/ops/describe_table.cc). */
export const DESCRIBE_DEFINITION = "@DescribeTableDefinition";

/** Runs one request synchronously: a WasmEngine or a DynamoDBEngine. */
export interface SyncTarget {
  handle(op: string, body: string): EngineResponse;
}

/** A table declaration that is malformed, conflicts with the stored table, or that the engine refused. */
export class TableDeclarationError extends Error {
  override readonly name = "TableDeclarationError";
  constructor(message: string) {
    super(`do-dynamodb: ${message}`);
  }
}

/**
 * Brings every declared table to its declaration (see the file comment). Returns true when global
 * index changes still wait for one in progress: call it again once maintenance has finished it.
 */
export function applyDeclaredTables(target: SyncTarget, tables: readonly TableDefinition[]): boolean {
  checkDeclarations(tables);
  const plans: [string, TablePlan][] = tables.map((declared) => {
    const stored = describe(target, declared.TableName!);
    return [declared.TableName!, stored ? planUpdate(declared, stored) : { steps: planCreate(declared), waiting: 0, conflicts: [] }];
  });
  const conflicts = plans.flatMap(([name, plan]) => plan.conflicts.map((c) => `table ${name}: ${c}`));
  if (conflicts.length > 0) {
    throw new TableDeclarationError(`the declared tables conflict with the stored ones (a table's key schema, key ` +
      `attribute types and local secondary indexes are fixed when it is created):\n  ${conflicts.join("\n  ")}`);
  }
  for (const [name, plan] of plans) for (const step of plan.steps) send(target, name, step);
  return plans.some(([, plan]) => plan.waiting > 0);
}

/** Throws TableDeclarationError listing every problem the engine would not name before a change. */
export function checkDeclarations(tables: readonly TableDefinition[]): void {
  if (!Array.isArray(tables)) throw new TableDeclarationError("tables must be an array of table definitions (CreateTable's input)");
  const problems: string[] = [];
  const names = new Set<string>();
  for (const [i, table] of tables.entries()) {
    const name = typeof table?.TableName === "string" && table.TableName !== "" ? table.TableName : null;
    if (name === null) {
      problems.push(`tables[${i}] has no TableName`);
      continue;
    }
    if (names.has(name)) problems.push(`table ${name} is declared twice`);
    names.add(name);
    if (!Array.isArray(table.KeySchema) || table.KeySchema.length === 0) problems.push(`table ${name} has no KeySchema`);
    if (table.TimeToLiveAttribute !== undefined && (typeof table.TimeToLiveAttribute !== "string" || table.TimeToLiveAttribute === "")) {
      problems.push(`table ${name}: TimeToLiveAttribute must be an attribute name`);
    }
    const { undefinedKeys, unusedDefinitions } = keyAttributes(table);
    problems.push(...undefinedKeys.map((attr) => `table ${name}: key attribute ${attr} has no AttributeDefinitions entry`));
    problems.push(...unusedDefinitions.map((attr) => `table ${name}: AttributeDefinitions entry ${attr} is no key of the table or an index (DynamoDB refuses unused definitions)`));
  }
  if (problems.length > 0) throw new TableDeclarationError(`malformed table declarations:\n  ${problems.join("\n  ")}`);
}

/** Key attributes (of the table and its indexes) with no definition, and definitions no key uses. */
function keyAttributes(table: TableDefinition): { undefinedKeys: string[]; unusedDefinitions: string[] } {
  const defined = new Set((table.AttributeDefinitions ?? []).map((d) => String(d.AttributeName)));
  const indexes = [...(table.LocalSecondaryIndexes ?? []), ...(table.GlobalSecondaryIndexes ?? [])];
  const schemas = [table.KeySchema, ...indexes.map((i) => i.KeySchema)];
  const used = new Set(schemas.flatMap((schema) => (Array.isArray(schema) ? schema : []).map((k) => String(k.AttributeName))));
  return { undefinedKeys: [...used].filter((a) => !defined.has(a)), unusedDefinitions: [...defined].filter((a) => !used.has(a)) };
}

/** The stored table's definition, or null when there is no such table. */
function describe(target: SyncTarget, name: string): StoredDefinition | null {
  const result = target.handle(DESCRIBE_DEFINITION, JSON.stringify({ TableName: name }));
  if (result.status === 200) return JSON.parse(result.body) as StoredDefinition;
  if (errorOf(result).type === "ResourceNotFoundException") return null;
  throw new TableDeclarationError(`reading table ${name}'s definition failed: ${describeError(result)}`);
}

function send(target: SyncTarget, table: string, request: EngineRequest): void {
  const result = target.handle(request.op, JSON.stringify(request.body));
  if (result.status !== 200) throw new TableDeclarationError(`table ${table}: ${request.op} was refused: ${describeError(result)}`);
}

function errorOf(result: EngineResponse): { type: string; message: string } {
  const { __type, message } = JSON.parse(result.body) as { __type?: string; message?: string };
  return { type: (__type ?? "").slice((__type ?? "").indexOf("#") + 1), message: message ?? "" };
}

function describeError(result: EngineResponse): string {
  const { type, message } = errorOf(result);
  return `${type}: ${message}`;
}
