/**
 * The document commands (PutCommand, QueryCommand, ...), generated from one table of where each
 * command's input and output hold native values: lib-dynamodb's key nodes, copied member for member
 * from its commands. Each instance carries `clientCommand` (the low-level command it runs),
 * `inputKeyNodes` and `outputKeyNodes`, the shape DynamoDBClient.send recognises, and its own
 * `documentMarshalling` (document-marshalling.ts), so a DynamoDBClient no DynamoDBDocumentClient
 * wraps runs it too, with default options, as lib-dynamodb's commands run on the SDK's bare client.
 * Types are lib-dynamodb's own (type-only imports).
 */
import type * as Lib from "@aws-sdk/lib-dynamodb";
import type { DocumentMarshalling } from "../client/client.js";
import { COMMANDS, Command, type OperationName } from "../client/commands.js";
import { DOCUMENT_MARSHALLING } from "./document-marshalling.js";
import { ALL_MEMBERS as MEMBERS, ALL_VALUES as VALUES, SELF, type KeyNodes } from "./key-nodes.js";

const EXPECTED = { "*": { Value: SELF, AttributeValueList: MEMBERS } };
const WRITE_OUTPUT = { Attributes: VALUES, ItemCollectionMetrics: { ItemCollectionKey: VALUES } };
const FILTER = { "*": { AttributeValueList: MEMBERS } };
const PAGE_OUTPUT = { Items: { "*": VALUES }, LastEvaluatedKey: VALUES };
const WRITE_REQUESTS = { "*": { "*": { PutRequest: { Item: VALUES }, DeleteRequest: { Key: VALUES } } } };
const METRICS_BY_TABLE = { "*": { "*": { ItemCollectionKey: VALUES } } };
const KEYS = { "*": { Keys: { "*": VALUES } } };
const WITH_VALUES = (member: string) => ({ [member]: VALUES, ExpressionAttributeValues: VALUES });

interface DocumentCommandSpec {
  operation: OperationName;
  input: KeyNodes;
  output: KeyNodes;
}

const SPECS = {
  Put: { operation: "PutItem", input: { Item: VALUES, Expected: EXPECTED, ExpressionAttributeValues: VALUES }, output: WRITE_OUTPUT },
  Get: { operation: "GetItem", input: { Key: VALUES }, output: { Item: VALUES } },
  Update: {
    operation: "UpdateItem",
    input: { Key: VALUES, AttributeUpdates: { "*": { Value: SELF } }, Expected: EXPECTED, ExpressionAttributeValues: VALUES },
    output: WRITE_OUTPUT,
  },
  Delete: { operation: "DeleteItem", input: { Key: VALUES, Expected: EXPECTED, ExpressionAttributeValues: VALUES }, output: WRITE_OUTPUT },
  Query: {
    operation: "Query",
    input: { KeyConditions: FILTER, QueryFilter: FILTER, ExclusiveStartKey: VALUES, ExpressionAttributeValues: VALUES },
    output: PAGE_OUTPUT,
  },
  Scan: { operation: "Scan", input: { ScanFilter: FILTER, ExclusiveStartKey: VALUES, ExpressionAttributeValues: VALUES }, output: PAGE_OUTPUT },
  BatchGet: { operation: "BatchGetItem", input: { RequestItems: KEYS }, output: { Responses: { "*": { "*": VALUES } }, UnprocessedKeys: KEYS } },
  BatchWrite: {
    operation: "BatchWriteItem",
    input: { RequestItems: WRITE_REQUESTS },
    output: { UnprocessedItems: WRITE_REQUESTS, ItemCollectionMetrics: METRICS_BY_TABLE },
  },
  TransactGet: { operation: "TransactGetItems", input: { TransactItems: { "*": { Get: { Key: VALUES } } } }, output: { Responses: { "*": { Item: VALUES } } } },
  TransactWrite: {
    operation: "TransactWriteItems",
    input: {
      TransactItems: {
        "*": { ConditionCheck: WITH_VALUES("Key"), Put: WITH_VALUES("Item"), Delete: WITH_VALUES("Key"), Update: WITH_VALUES("Key") },
      },
    },
    output: { ItemCollectionMetrics: METRICS_BY_TABLE },
  },
  ExecuteStatement: { operation: "ExecuteStatement", input: { Parameters: MEMBERS }, output: PAGE_OUTPUT },
  BatchExecuteStatement: {
    operation: "BatchExecuteStatement",
    input: { Statements: { "*": { Parameters: MEMBERS } } },
    output: { Responses: { "*": { Error: { Item: VALUES }, Item: VALUES } } },
  },
  ExecuteTransaction: {
    operation: "ExecuteTransaction",
    input: { TransactStatements: { "*": { Parameters: MEMBERS } } },
    output: { Responses: { "*": { Item: VALUES } } },
  },
} as const satisfies Record<string, DocumentCommandSpec>;

export type DocumentCommandName = keyof typeof SPECS;

/** Document command name -> [input, output] types, as @aws-sdk/lib-dynamodb declares them. */
export interface DocumentShapes {
  Put: [Lib.PutCommandInput, Lib.PutCommandOutput];
  Get: [Lib.GetCommandInput, Lib.GetCommandOutput];
  Update: [Lib.UpdateCommandInput, Lib.UpdateCommandOutput];
  Delete: [Lib.DeleteCommandInput, Lib.DeleteCommandOutput];
  Query: [Lib.QueryCommandInput, Lib.QueryCommandOutput];
  Scan: [Lib.ScanCommandInput, Lib.ScanCommandOutput];
  BatchGet: [Lib.BatchGetCommandInput, Lib.BatchGetCommandOutput];
  BatchWrite: [Lib.BatchWriteCommandInput, Lib.BatchWriteCommandOutput];
  TransactGet: [Lib.TransactGetCommandInput, Lib.TransactGetCommandOutput];
  TransactWrite: [Lib.TransactWriteCommandInput, Lib.TransactWriteCommandOutput];
  ExecuteStatement: [Lib.ExecuteStatementCommandInput, Lib.ExecuteStatementCommandOutput];
  BatchExecuteStatement: [Lib.BatchExecuteStatementCommandInput, Lib.BatchExecuteStatementCommandOutput];
  ExecuteTransaction: [Lib.ExecuteTransactionCommandInput, Lib.ExecuteTransactionCommandOutput];
}

/** A document command: native values in its input and output. */
export class DocumentCommand<Input extends object, Output extends object> extends Command<Input, Output> {
  readonly clientCommand: Command<object, object>;
  readonly inputKeyNodes: KeyNodes;
  readonly outputKeyNodes: KeyNodes;

  constructor(spec: DocumentCommandSpec, input: Input) {
    super(spec.operation, input);
    this.clientCommand = new COMMANDS[spec.operation](this.input as never);
    this.inputKeyNodes = spec.input;
    this.outputKeyNodes = spec.output;
  }

  /**
   * How DynamoDBClient.send (un)marshalls this command's native values, with the client's
   * translateConfig (default options when none is set). On the prototype: no own property per command.
   */
  get documentMarshalling(): DocumentMarshalling {
    return DOCUMENT_MARSHALLING;
  }
}

export interface DocumentCommandClass<N extends DocumentCommandName> {
  new (input: DocumentShapes[N][0]): DocumentCommand<DocumentShapes[N][0], DocumentShapes[N][1]>;
}

function defineDocumentCommand<N extends DocumentCommandName>(name: N): DocumentCommandClass<N> {
  const spec: DocumentCommandSpec = SPECS[name];
  const cls = class extends DocumentCommand<object, object> {
    constructor(input: object) {
      super(spec, input);
    }
  };
  Object.defineProperty(cls, "name", { value: `${name}Command` });
  return cls as unknown as DocumentCommandClass<N>;
}

export const DOCUMENT_COMMANDS = Object.fromEntries(
  (Object.keys(SPECS) as DocumentCommandName[]).map((n) => [n, defineDocumentCommand(n)]),
) as { [N in DocumentCommandName]: DocumentCommandClass<N> };
