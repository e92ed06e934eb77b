/**
 * DynamoDB's operation names (API version 2012-08-10), which of them only read, and the tables a
 * request names. Used before a request reaches any Durable Object: to answer an unknown
 * X-Amz-Target before authentication (as DynamoDB does) and to check a key's per-table permissions.
 * The engine implements a subset; an operation listed here that it does not implement is still
 * answered UnknownOperationException by the engine, after authentication.
 */

/** Operations that only read data or metadata; every other operation needs write permission. */
export const READ_OPERATIONS: ReadonlySet<string> = new Set([
  "BatchGetItem",
  "DescribeBackup",
  "DescribeContinuousBackups",
  "DescribeContributorInsights",
  "DescribeEndpoints",
  "DescribeExport",
  "DescribeGlobalTable",
  "DescribeGlobalTableSettings",
  "DescribeImport",
  "DescribeKinesisStreamingDestination",
  "DescribeLimits",
  "DescribeTable",
  "DescribeTableReplicaAutoScaling",
  "DescribeTimeToLive",
  "GetItem",
  "GetResourcePolicy",
  "ListBackups",
  "ListContributorInsights",
  "ListExports",
  "ListGlobalTables",
  "ListImports",
  "ListTables",
  "ListTagsOfResource",
  "Query",
  "Scan",
  "TransactGetItems",
  // DynamoDB Streams (X-Amz-Target DynamoDBStreams_20120810.<op>, see target.ts): all reads.
  "DynamoDBStreams.DescribeStream",
  "DynamoDBStreams.GetRecords",
  "DynamoDBStreams.GetShardIterator",
  "DynamoDBStreams.ListStreams",
]);

const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  "BatchExecuteStatement", // PartiQL may write; not parsed here, so treated as a write
  "BatchWriteItem",
  "CreateBackup",
  "CreateGlobalTable",
  "CreateTable",
  "DeleteBackup",
  "DeleteItem",
  "DeleteResourcePolicy",
  "DeleteTable",
  "DisableKinesisStreamingDestination",
  "EnableKinesisStreamingDestination",
  "ExecuteStatement",
  "ExecuteTransaction",
  "ExportTableToPointInTime",
  "ImportTable",
  "PutItem",
  "PutResourcePolicy",
  "RestoreTableFromBackup",
  "RestoreTableToPointInTime",
  "TagResource",
  "TransactWriteItems",
  "UntagResource",
  "UpdateContinuousBackups",
  "UpdateContributorInsights",
  "UpdateGlobalTable",
  "UpdateGlobalTableSettings",
  "UpdateItem",
  "UpdateKinesisStreamingDestination",
  "UpdateTable",
  "UpdateTableReplicaAutoScaling",
  "UpdateTimeToLive",
]);

/** Whether DynamoDB has an operation of this name. */
export function isDynamoDBOperation(op: string): boolean {
  return READ_OPERATIONS.has(op) || WRITE_OPERATIONS.has(op);
}

/** Whether op only reads. */
export function isReadOperation(op: string): boolean {
  return READ_OPERATIONS.has(op);
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
