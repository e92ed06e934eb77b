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

/** The operations the engine implements. */
const ENGINE_OPERATION_FACTS = {
  BatchGetItem: { access: "read", run: "read-only" },
  BatchWriteItem: { access: "write", run: "held-back-write" },
  CreateTable: { access: "write", run: "transaction" },
  DeleteItem: { access: "write", run: "held-back-write" },
  DeleteTable: { access: "write", run: "transaction" },
  DescribeContinuousBackups: { access: "read", run: "transaction" },
  DescribeEndpoints: { access: "read", run: "transaction" },
  DescribeLimits: { access: "read", run: "transaction" },
  DescribeTable: { access: "read", run: "transaction", maintenance: true },
  DescribeTimeToLive: { access: "read", run: "transaction" },
  GetItem: { access: "read", run: "read-only" },
  ListTables: { access: "read", run: "transaction" },
  ListTagsOfResource: { access: "read", run: "transaction" },
  PutItem: { access: "write", run: "held-back-write" },
  Query: { access: "read", run: "read-only" },
  Scan: { access: "read", run: "read-only" },
  TagResource: { access: "write", run: "transaction" },
  TransactGetItems: { access: "read", run: "read-only" },
  TransactWriteItems: { access: "write", run: "held-back-write" },
  UntagResource: { access: "write", run: "transaction" },
  UpdateContinuousBackups: { access: "write", run: "transaction" },
  UpdateItem: { access: "write", run: "held-back-write" },
  UpdateTable: { access: "write", run: "transaction", maintenance: true },
  UpdateTimeToLive: { access: "write", run: "transaction", maintenance: true },
  "DynamoDBStreams.DescribeStream": { access: "read", run: "transaction" },
  "DynamoDBStreams.GetRecords": { access: "read", run: "transaction" },
  "DynamoDBStreams.GetShardIterator": { access: "read", run: "transaction" },
  "DynamoDBStreams.ListStreams": { access: "read", run: "transaction" },
} as const satisfies Record<string, Required<Pick<OperationFacts, "access" | "run">> & OperationFacts>;

/**
 * DynamoDB's other operations (a table of their own, so that code needing only the engine's, such
 * as the client's command list, does not bundle these).
 */
const OTHER_OPERATION_FACTS = {
  BatchExecuteStatement: { access: "write" }, // PartiQL may write; not parsed here, so treated as a write
  CreateBackup: { access: "write" },
  CreateGlobalTable: { access: "write" },
  DeleteBackup: { access: "write" },
  DeleteResourcePolicy: { access: "write" },
  DescribeBackup: { access: "read" },
  DescribeContributorInsights: { access: "read" },
  DescribeExport: { access: "read" },
  DescribeGlobalTable: { access: "read" },
  DescribeGlobalTableSettings: { access: "read" },
  DescribeImport: { access: "read" },
  DescribeKinesisStreamingDestination: { access: "read" },
  DescribeTableReplicaAutoScaling: { access: "read" },
  DisableKinesisStreamingDestination: { access: "write" },
  EnableKinesisStreamingDestination: { access: "write" },
  ExecuteStatement: { access: "write" },
  ExecuteTransaction: { access: "write" },
  ExportTableToPointInTime: { access: "write" },
  GetResourcePolicy: { access: "read" },
  ImportTable: { access: "write" },
  ListBackups: { access: "read" },
  ListContributorInsights: { access: "read" },
  ListExports: { access: "read" },
  ListGlobalTables: { access: "read" },
  ListImports: { access: "read" },
  PutResourcePolicy: { access: "write" },
  RestoreTableFromBackup: { access: "write" },
  RestoreTableToPointInTime: { access: "write" },
  UpdateContributorInsights: { access: "write" },
  UpdateGlobalTable: { access: "write" },
  UpdateGlobalTableSettings: { access: "write" },
  UpdateKinesisStreamingDestination: { access: "write" },
  UpdateTableReplicaAutoScaling: { access: "write" },
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
