/**
 * Every DynamoDB operation (API 2012-08-10, and DynamoDB Streams' 2012-08-10) and the facts the
 * JavaScript layers need about it, keyed by the name the engine knows it by: DynamoDB's as is
 * ("PutItem"), Streams' as "DynamoDBStreams.<name>" (js/http/target.ts). The facts are:
 * - access: "read" when a key with read permission may run it (js/http/auth.ts), else "write".
 * - run: how a Durable Object runs a request of it (js/do/dynamodb-engine.ts), present exactly for
 *   the operations the engine implements (wasm's operation table, DODB_OPERATIONS and
 *   DODB_STREAMS_OPERATIONS; operations.test.ts keeps them equal):
 *   "read-only": writes nothing to storage (checked: its wasm/src/ops/ file calls no Put, Delete or
 *   catalog Save), so it runs without a transaction; "held-back-write": an item write, its writes
 *   held back in a WriteBuffer and applied after the engine returns; "transaction": inside
 *   transactionSync, rolled back if it fails. An operation without `run` is answered
 *   UnknownOperationException by the engine (after authentication, over HTTP).
 * - maintenance: a successful request may leave work for the maintenance steps the object's alarm
 *   runs (index backfill or deletion, a statistics refresh, Time to Live sweeps).
 * access and run are different questions: DescribeTable needs only read permission but may save
 * refreshed statistics, so it runs in a transaction.
 */

export interface OperationFacts {
  readonly access: "read" | "write";
  readonly run?: "read-only" | "held-back-write" | "transaction";
  readonly maintenance?: true;
}

/** Reads items, writing nothing to storage (its wasm/src/ops/ file calls no Put, Delete or catalog Save). */
const READ_WITHOUT_TRANSACTION = { access: "read", run: "read-only" } as const;
/** Writes items: its writes are held back, then applied all at once. */
const WRITE_HELD_BACK = { access: "write", run: "held-back-write" } as const;
/** Needs read permission only, but is not known to write nothing, so it runs in a transaction. */
const READ_IN_TRANSACTION = { access: "read", run: "transaction" } as const;
const WRITE_IN_TRANSACTION = { access: "write", run: "transaction" } as const;
/** DynamoDB's operations the engine does not implement, by access. */
const NOT_IMPLEMENTED_READ = { access: "read" } as const;
const NOT_IMPLEMENTED_WRITE = { access: "write" } as const;

/** The operations the engine implements. */
const ENGINE_OPERATION_FACTS = {
  BatchGetItem: READ_WITHOUT_TRANSACTION,
  BatchWriteItem: WRITE_HELD_BACK,
  // PartiQL (wasm/src/ops/partiql_plan.h): may write; the statement is not parsed here, so a write.
  BatchExecuteStatement: WRITE_HELD_BACK,
  CreateTable: WRITE_IN_TRANSACTION,
  DeleteItem: WRITE_HELD_BACK,
  DeleteTable: WRITE_IN_TRANSACTION,
  DescribeContinuousBackups: READ_IN_TRANSACTION,
  DescribeEndpoints: READ_IN_TRANSACTION,
  DescribeLimits: READ_IN_TRANSACTION,
  DescribeTable: { ...READ_IN_TRANSACTION, maintenance: true },
  DescribeTimeToLive: READ_IN_TRANSACTION,
  ExecuteStatement: WRITE_HELD_BACK,
  ExecuteTransaction: WRITE_HELD_BACK,
  GetItem: READ_WITHOUT_TRANSACTION,
  ListTables: READ_IN_TRANSACTION,
  ListTagsOfResource: READ_IN_TRANSACTION,
  PutItem: WRITE_HELD_BACK,
  Query: READ_WITHOUT_TRANSACTION,
  Scan: READ_WITHOUT_TRANSACTION,
  TagResource: WRITE_IN_TRANSACTION,
  TransactGetItems: READ_WITHOUT_TRANSACTION,
  TransactWriteItems: WRITE_HELD_BACK,
  UntagResource: WRITE_IN_TRANSACTION,
  UpdateContinuousBackups: WRITE_IN_TRANSACTION,
  UpdateItem: WRITE_HELD_BACK,
  UpdateTable: { ...WRITE_IN_TRANSACTION, maintenance: true },
  UpdateTimeToLive: { ...WRITE_IN_TRANSACTION, maintenance: true },
  "DynamoDBStreams.DescribeStream": READ_IN_TRANSACTION,
  "DynamoDBStreams.GetRecords": READ_IN_TRANSACTION,
  "DynamoDBStreams.GetShardIterator": READ_IN_TRANSACTION,
  "DynamoDBStreams.ListStreams": READ_IN_TRANSACTION,
} as const satisfies Record<string, Required<Pick<OperationFacts, "access" | "run">> & OperationFacts>;

/**
 * DynamoDB's other operations (a table of their own, so that code needing only the engine's, such
 * as the client's command list, does not bundle these).
 */
const OTHER_OPERATION_FACTS = {
  // do-dynamodb's own, answered by the shard router (js/shard/, docs/SCALING.md), not the engine.
  "DoDynamoDB.DescribeShards": NOT_IMPLEMENTED_READ,
  "DoDynamoDB.SplitShard": NOT_IMPLEMENTED_WRITE,
  CreateBackup: NOT_IMPLEMENTED_WRITE,
  CreateGlobalTable: NOT_IMPLEMENTED_WRITE,
  DeleteBackup: NOT_IMPLEMENTED_WRITE,
  DeleteResourcePolicy: NOT_IMPLEMENTED_WRITE,
  DescribeBackup: NOT_IMPLEMENTED_READ,
  DescribeContributorInsights: NOT_IMPLEMENTED_READ,
  DescribeExport: NOT_IMPLEMENTED_READ,
  DescribeGlobalTable: NOT_IMPLEMENTED_READ,
  DescribeGlobalTableSettings: NOT_IMPLEMENTED_READ,
  DescribeImport: NOT_IMPLEMENTED_READ,
  DescribeKinesisStreamingDestination: NOT_IMPLEMENTED_READ,
  DescribeTableReplicaAutoScaling: NOT_IMPLEMENTED_READ,
  DisableKinesisStreamingDestination: NOT_IMPLEMENTED_WRITE,
  EnableKinesisStreamingDestination: NOT_IMPLEMENTED_WRITE,
  ExportTableToPointInTime: NOT_IMPLEMENTED_WRITE,
  GetResourcePolicy: NOT_IMPLEMENTED_READ,
  ImportTable: NOT_IMPLEMENTED_WRITE,
  ListBackups: NOT_IMPLEMENTED_READ,
  ListContributorInsights: NOT_IMPLEMENTED_READ,
  ListExports: NOT_IMPLEMENTED_READ,
  ListGlobalTables: NOT_IMPLEMENTED_READ,
  ListImports: NOT_IMPLEMENTED_READ,
  PutResourcePolicy: NOT_IMPLEMENTED_WRITE,
  RestoreTableFromBackup: NOT_IMPLEMENTED_WRITE,
  RestoreTableToPointInTime: NOT_IMPLEMENTED_WRITE,
  UpdateContributorInsights: NOT_IMPLEMENTED_WRITE,
  UpdateGlobalTable: NOT_IMPLEMENTED_WRITE,
  UpdateGlobalTableSettings: NOT_IMPLEMENTED_WRITE,
  UpdateKinesisStreamingDestination: NOT_IMPLEMENTED_WRITE,
  UpdateTableReplicaAutoScaling: NOT_IMPLEMENTED_WRITE,
} as const satisfies Record<string, Omit<OperationFacts, "run" | "maintenance">>;

/** An operation the engine implements, by its engine name ("PutItem", "DynamoDBStreams.GetRecords"). */
export type EngineOperationName = keyof typeof ENGINE_OPERATION_FACTS;

/** The operations the engine implements, by their engine names, in the table's order. */
export const ENGINE_OPERATIONS = Object.keys(ENGINE_OPERATION_FACTS) as EngineOperationName[];

/** Every DynamoDB operation's facts, by name. */
export function allOperationFacts(): [string, OperationFacts][] {
  return [...Object.entries(ENGINE_OPERATION_FACTS), ...Object.entries(OTHER_OPERATION_FACTS)];
}

/** The facts about op, or undefined when DynamoDB has no operation of that name. */
export function operationFacts(op: string): OperationFacts | undefined {
  if (Object.hasOwn(ENGINE_OPERATION_FACTS, op)) return ENGINE_OPERATION_FACTS[op as EngineOperationName];
  if (Object.hasOwn(OTHER_OPERATION_FACTS, op)) return OTHER_OPERATION_FACTS[op as keyof typeof OTHER_OPERATION_FACTS];
  return undefined;
}

/** The names of the operations whose facts pass test, in the table's order. */
export function operationsWhere(test: (facts: OperationFacts) => boolean): string[] {
  return allOperationFacts().filter(([, facts]) => test(facts)).map(([op]) => op);
}
