/**
 * do-dynamodb/lib: @aws-sdk/lib-dynamodb's surface without the SDK. DynamoDBDocumentClient.from(client,
 * { marshallOptions, unmarshallOptions }), the document commands (Put, Get, Update, Delete, Query,
 * Scan, BatchGet, BatchWrite, TransactGet, TransactWrite), paginateQuery / paginateScan, and
 * util-dynamodb's marshall / unmarshall / convertToAttr / convertToNative / NumberValue.
 */
import { DOCUMENT_COMMANDS, type DocumentShapes } from "./commands.js";
import { DocumentCommand } from "./commands.js";
import { createPaginator } from "../client/paginate.js";
import { DynamoDBDocumentClient } from "./document-client.js";

export { DynamoDBDocumentClient } from "./document-client.js";
export { DocumentCommand, DOCUMENT_COMMANDS, type DocumentCommandClass, type DocumentCommandName, type DocumentShapes } from "./commands.js";
export { convertToAttr, marshall, type marshallOptions, type NativeAttributeValue } from "./marshall.js";
export { convertToNative, unmarshall, type unmarshallOptions } from "./unmarshall.js";
export { NumberValue } from "./number-value.js";
export { ALL_MEMBERS, ALL_VALUES, SELF, marshallInput, unmarshallOutput, type KeyNodes } from "./key-nodes.js";
export type { TranslateConfig } from "./document-marshalling.js";
export type { PaginationConfiguration } from "../client/paginate.js";
export type {
  PutCommandInput, PutCommandOutput, GetCommandInput, GetCommandOutput, UpdateCommandInput, UpdateCommandOutput,
  DeleteCommandInput, DeleteCommandOutput, QueryCommandInput, QueryCommandOutput, ScanCommandInput, ScanCommandOutput,
  BatchGetCommandInput, BatchGetCommandOutput, BatchWriteCommandInput, BatchWriteCommandOutput,
  TransactGetCommandInput, TransactGetCommandOutput, TransactWriteCommandInput, TransactWriteCommandOutput,
  ExecuteStatementCommandInput, ExecuteStatementCommandOutput, BatchExecuteStatementCommandInput,
  BatchExecuteStatementCommandOutput, ExecuteTransactionCommandInput, ExecuteTransactionCommandOutput,
} from "@aws-sdk/lib-dynamodb";

export const {
  Put: PutCommand, Get: GetCommand, Update: UpdateCommand, Delete: DeleteCommand, Query: QueryCommand, Scan: ScanCommand,
  BatchGet: BatchGetCommand, BatchWrite: BatchWriteCommand, TransactGet: TransactGetCommand, TransactWrite: TransactWriteCommand,
  ExecuteStatement: ExecuteStatementCommand, BatchExecuteStatement: BatchExecuteStatementCommand,
  ExecuteTransaction: ExecuteTransactionCommand,
} = DOCUMENT_COMMANDS;

export type PutCommand = DocumentCommand<DocumentShapes["Put"][0], DocumentShapes["Put"][1]>;
export type GetCommand = DocumentCommand<DocumentShapes["Get"][0], DocumentShapes["Get"][1]>;
export type QueryCommand = DocumentCommand<DocumentShapes["Query"][0], DocumentShapes["Query"][1]>;

const isDocumentClient = (client: unknown) => client instanceof DynamoDBDocumentClient;
const EXPECTED_CLIENT = "DynamoDBDocumentClient";

export const paginateQuery = createPaginator<DynamoDBDocumentClient, DocumentShapes["Query"][0], DocumentShapes["Query"][1]>(
  isDocumentClient, EXPECTED_CLIENT, QueryCommand, "ExclusiveStartKey", "LastEvaluatedKey", "Limit");
export const paginateScan = createPaginator<DynamoDBDocumentClient, DocumentShapes["Scan"][0], DocumentShapes["Scan"][1]>(
  isDocumentClient, EXPECTED_CLIENT, ScanCommand, "ExclusiveStartKey", "LastEvaluatedKey", "Limit");
