/**
 * do-dynamodb: DynamoDB's API for Cloudflare Workers and Node without the AWS SDK at run time.
 * `new DynamoDBClient({ target })` or `new DynamoDBClient({ doNamespace: env.DYNAMODB, database })`,
 * then `client.send(new PutItemCommand({...}))` exactly as with @aws-sdk/client-dynamodb; the
 * SDK's own command objects are accepted too. Errors are the SDK's exception classes by name.
 */
import { COMMANDS, type CommandOf } from "./client/commands.js";
import { EXCEPTIONS, type ServiceExceptionOf } from "./client/errors.js";

export { DynamoDBClient, type DynamoDBClientConfig, type DocumentMarshalling, type DurableObjectNamespaceLike, type SendOptions } from "./client/client.js";
export type { TranslateConfig } from "./lib/document-marshalling.js"; // type only: nothing of do-dynamodb/lib is bundled
export { Command, COMMANDS, OPERATIONS, STREAMS_OPERATIONS, type CommandClass, type CommandOf, type OperationName, type OperationShapes } from "./client/commands.js";
export { DynamoDBServiceException, EXCEPTIONS, type ErrorName, type ServiceExceptionOf } from "./client/errors.js";
export { paginateListTables, paginateQuery, paginateScan, type PaginationConfiguration } from "./client/paginate.js";
export type { OperationTarget, EngineResponse } from "./engine/types.js";
export type * from "./client/sdk-types.js";

// One binding per operation and per error, drawn from the tables above.
export const {
  BatchGetItem: BatchGetItemCommand, BatchWriteItem: BatchWriteItemCommand, CreateTable: CreateTableCommand,
  BatchExecuteStatement: BatchExecuteStatementCommand, ExecuteStatement: ExecuteStatementCommand,
  ExecuteTransaction: ExecuteTransactionCommand,
  DeleteItem: DeleteItemCommand, DeleteTable: DeleteTableCommand, DescribeContinuousBackups: DescribeContinuousBackupsCommand,
  DescribeEndpoints: DescribeEndpointsCommand, DescribeLimits: DescribeLimitsCommand,
  DescribeTable: DescribeTableCommand, DescribeTimeToLive: DescribeTimeToLiveCommand, GetItem: GetItemCommand,
  ListTables: ListTablesCommand, ListTagsOfResource: ListTagsOfResourceCommand, PutItem: PutItemCommand,
  Query: QueryCommand, Scan: ScanCommand, TagResource: TagResourceCommand, TransactGetItems: TransactGetItemsCommand,
  TransactWriteItems: TransactWriteItemsCommand, UntagResource: UntagResourceCommand, UpdateContinuousBackups: UpdateContinuousBackupsCommand, UpdateItem: UpdateItemCommand,
  UpdateTable: UpdateTableCommand, UpdateTimeToLive: UpdateTimeToLiveCommand,
  // DynamoDB Streams
  DescribeStream: DescribeStreamCommand, GetRecords: GetRecordsCommand, GetShardIterator: GetShardIteratorCommand,
  ListStreams: ListStreamsCommand,
} = COMMANDS;

export const {
  BackupInUseException, BackupNotFoundException, ConditionalCheckFailedException, ContinuousBackupsUnavailableException,
  DuplicateItemException, ExpiredIteratorException, ExportConflictException, ExportNotFoundException, GlobalTableAlreadyExistsException,
  GlobalTableNotFoundException, IdempotentParameterMismatchException, ImportConflictException, ImportNotFoundException,
  IndexNotFoundException, InternalServerError, InvalidEndpointException, InvalidExportTimeException,
  InvalidRestoreTimeException, ItemCollectionSizeLimitExceededException, LimitExceededException,
  PointInTimeRecoveryUnavailableException, PolicyNotFoundException, ProvisionedThroughputExceededException,
  ReplicaAlreadyExistsException, ReplicaNotFoundException, ReplicatedWriteConflictException, RequestLimitExceeded,
  ResourceInUseException, ResourceNotFoundException, TableAlreadyExistsException, TableInUseException,
  TableNotFoundException, ThrottlingException, TransactionCanceledException, TransactionConflictException,
  TransactionInProgressException, TrimmedDataAccessException, ValidationException,
} = EXCEPTIONS;

// Type names for the same bindings (for annotations; instanceof narrows without them).
export type PutItemCommand = CommandOf<"PutItem">;
export type GetItemCommand = CommandOf<"GetItem">;
export type UpdateItemCommand = CommandOf<"UpdateItem">;
export type DeleteItemCommand = CommandOf<"DeleteItem">;
export type QueryCommand = CommandOf<"Query">;
export type ScanCommand = CommandOf<"Scan">;
export type ConditionalCheckFailedException = ServiceExceptionOf<"ConditionalCheckFailedException">;
export type TransactionCanceledException = ServiceExceptionOf<"TransactionCanceledException">;
export type ResourceNotFoundException = ServiceExceptionOf<"ResourceNotFoundException">;
export type ValidationException = ServiceExceptionOf<"ValidationException">;
export type ResourceInUseException = ServiceExceptionOf<"ResourceInUseException">;
