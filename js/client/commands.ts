/**
 * The low-level commands: one class per operation the engine implements, generated from the
 * operation table (js/engine/operations.ts, kept equal to the engine's by a test). Input and output
 * types are the AWS SDK's own (type-only imports: nothing of the SDK is bundled), so
 * `new PutItemCommand({...})` typechecks exactly as with @aws-sdk/client-dynamodb.
 */
import type * as Sdk from "@aws-sdk/client-dynamodb";
import type * as StreamsSdk from "@aws-sdk/client-dynamodb-streams";
import { ENGINE_OPERATIONS, type EngineOperationName } from "../engine/operations.js";

/** Operation name -> [input, output] types, as @aws-sdk/client-dynamodb declares them. */
export interface OperationShapes {
  BatchGetItem: [Sdk.BatchGetItemCommandInput, Sdk.BatchGetItemCommandOutput];
  BatchWriteItem: [Sdk.BatchWriteItemCommandInput, Sdk.BatchWriteItemCommandOutput];
  BatchExecuteStatement: [Sdk.BatchExecuteStatementCommandInput, Sdk.BatchExecuteStatementCommandOutput];
  CreateTable: [Sdk.CreateTableCommandInput, Sdk.CreateTableCommandOutput];
  DeleteItem: [Sdk.DeleteItemCommandInput, Sdk.DeleteItemCommandOutput];
  DeleteTable: [Sdk.DeleteTableCommandInput, Sdk.DeleteTableCommandOutput];
  DescribeContinuousBackups: [Sdk.DescribeContinuousBackupsCommandInput, Sdk.DescribeContinuousBackupsCommandOutput];
  DescribeEndpoints: [Sdk.DescribeEndpointsCommandInput, Sdk.DescribeEndpointsCommandOutput];
  DescribeLimits: [Sdk.DescribeLimitsCommandInput, Sdk.DescribeLimitsCommandOutput];
  DescribeTable: [Sdk.DescribeTableCommandInput, Sdk.DescribeTableCommandOutput];
  DescribeTimeToLive: [Sdk.DescribeTimeToLiveCommandInput, Sdk.DescribeTimeToLiveCommandOutput];
  ExecuteStatement: [Sdk.ExecuteStatementCommandInput, Sdk.ExecuteStatementCommandOutput];
  ExecuteTransaction: [Sdk.ExecuteTransactionCommandInput, Sdk.ExecuteTransactionCommandOutput];
  GetItem: [Sdk.GetItemCommandInput, Sdk.GetItemCommandOutput];
  ListTables: [Sdk.ListTablesCommandInput, Sdk.ListTablesCommandOutput];
  ListTagsOfResource: [Sdk.ListTagsOfResourceCommandInput, Sdk.ListTagsOfResourceCommandOutput];
  PutItem: [Sdk.PutItemCommandInput, Sdk.PutItemCommandOutput];
  Query: [Sdk.QueryCommandInput, Sdk.QueryCommandOutput];
  Scan: [Sdk.ScanCommandInput, Sdk.ScanCommandOutput];
  TagResource: [Sdk.TagResourceCommandInput, Sdk.TagResourceCommandOutput];
  TransactGetItems: [Sdk.TransactGetItemsCommandInput, Sdk.TransactGetItemsCommandOutput];
  TransactWriteItems: [Sdk.TransactWriteItemsCommandInput, Sdk.TransactWriteItemsCommandOutput];
  UntagResource: [Sdk.UntagResourceCommandInput, Sdk.UntagResourceCommandOutput];
  UpdateContinuousBackups: [Sdk.UpdateContinuousBackupsCommandInput, Sdk.UpdateContinuousBackupsCommandOutput];
  UpdateItem: [Sdk.UpdateItemCommandInput, Sdk.UpdateItemCommandOutput];
  UpdateTable: [Sdk.UpdateTableCommandInput, Sdk.UpdateTableCommandOutput];
  UpdateTimeToLive: [Sdk.UpdateTimeToLiveCommandInput, Sdk.UpdateTimeToLiveCommandOutput];
  // DynamoDB Streams (@aws-sdk/client-dynamodb-streams' types).
  DescribeStream: [StreamsSdk.DescribeStreamCommandInput, StreamsSdk.DescribeStreamCommandOutput];
  GetRecords: [StreamsSdk.GetRecordsCommandInput, StreamsSdk.GetRecordsCommandOutput];
  GetShardIterator: [StreamsSdk.GetShardIteratorCommandInput, StreamsSdk.GetShardIteratorCommandOutput];
  ListStreams: [StreamsSdk.ListStreamsCommandInput, StreamsSdk.ListStreamsCommandOutput];
}

export type OperationName = keyof OperationShapes;

const STREAMS_PREFIX = "DynamoDBStreams.";

/** The DynamoDB Streams operations (X-Amz-Target DynamoDBStreams_20120810.<name>). */
export const STREAMS_OPERATIONS: readonly OperationName[] = ENGINE_OPERATIONS.filter((op) => op.startsWith(STREAMS_PREFIX))
  .map((op) => op.slice(STREAMS_PREFIX.length) as OperationName);

/** Every DynamoDB operation the engine implements (with STREAMS_OPERATIONS: the keys of OperationShapes). */
export const OPERATIONS: readonly OperationName[] = ENGINE_OPERATIONS.filter((op) => !op.startsWith(STREAMS_PREFIX)) as OperationName[];

/**
 * The name the engine knows an operation by: DynamoDB's as is, Streams' as "DynamoDBStreams.<name>"
 * (js/http/target.ts), a name no DynamoDB target can produce.
 */
export function engineOperation(op: string): string {
  return STREAMS_OPERATIONS.includes(op as OperationName) ? `${STREAMS_PREFIX}${op}` : op;
}

/** The SDK's name of an engine operation ("DynamoDBStreams.GetRecords" -> "GetRecords"). */
type SdkName<Op extends string> = Op extends `${typeof STREAMS_PREFIX}${infer Name}` ? Name : Op;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only while OperationShapes names exactly the operations the engine implements. */
type ShapesNameEveryEngineOperation<T extends true = Same<OperationName, SdkName<EngineOperationName>>> = T;

/** A request for one operation: what DynamoDBClient.send runs. */
export class Command<Input extends object, Output extends object> {
  readonly input: Input;
  /** The operation as the engine knows it ("PutItem", "DynamoDBStreams.GetRecords"). */
  readonly operation: string;
  /** Type-level only: the output send() resolves to. */
  declare readonly __output?: Output;

  constructor(operation: string, input: Input) {
    this.operation = operation;
    this.input = input ?? ({} as Input);
  }
}

export interface CommandClass<Op extends OperationName> {
  new (...[input]: {} extends OperationShapes[Op][0] ? [OperationShapes[Op][0]?] : [OperationShapes[Op][0]]): Command<OperationShapes[Op][0], OperationShapes[Op][1]>;
  readonly operation: Op;
}

function defineCommand<Op extends OperationName>(op: Op): CommandClass<Op> {
  const cls = class extends Command<object, object> {
    static readonly operation = op;
    constructor(input: object) {
      super(engineOperation(op), input);
    }
  };
  Object.defineProperty(cls, "name", { value: `${op}Command` });
  return cls as unknown as CommandClass<Op>;
}

/** Every command class by operation name. */
export const COMMANDS = Object.fromEntries([...OPERATIONS, ...STREAMS_OPERATIONS].map((op) => [op, defineCommand(op)])) as {
  [Op in OperationName]: CommandClass<Op>;
};

/** The instance type of an operation's command. */
export type CommandOf<Op extends OperationName> = Command<OperationShapes[Op][0], OperationShapes[Op][1]>;
