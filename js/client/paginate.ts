/**
 * Paginators shaped like the SDK's (@smithy/core createPaginator): an async generator of pages that
 * feeds each page's token (LastEvaluatedKey, LastEvaluatedTableName) into the next request, with
 * config.pageSize as the request's Limit unless the input sets one, config.startingToken, and
 * config.stopOnSameToken. Like the SDK's, it writes the token into the input object it is given.
 */
import { COMMANDS } from "./commands.js";
import type { DynamoDBClient } from "./client.js";

export interface PaginationConfiguration<Client> {
  client: Client;
  pageSize?: number;
  startingToken?: any;
  stopOnSameToken?: boolean;
  withCommand?: (command: any) => any;
}

type Sender = { send(command: any): Promise<any> };

export function createPaginator<Client extends Sender, Input extends object, Output extends object>(
  isClient: (client: unknown) => boolean,
  clientName: string,
  Command: new (input: Input) => object,
  inputToken: string,
  outputToken: string,
  pageSizeToken?: string,
): (config: PaginationConfiguration<Client>, input: Input) => AsyncGenerator<Output, undefined, unknown> {
  return async function* paginate(config, input) {
    const fields = input as Record<string, unknown>;
    let token = config.startingToken ?? fields[inputToken];
    for (;;) {
      fields[inputToken] = token;
      if (pageSizeToken) fields[pageSizeToken] = fields[pageSizeToken] ?? config.pageSize;
      if (!isClient(config.client)) throw new Error(`Invalid client, expected instance of ${clientName}`);
      let command = new Command(input);
      command = config.withCommand?.(command) ?? command;
      const page = (await config.client.send(command)) as Output;
      yield page;
      const previous = token;
      token = (page as Record<string, unknown>)[outputToken];
      if (!(token && (!config.stopOnSameToken || token !== previous))) return undefined;
    }
  };
}

type Shapes = import("./commands.js").OperationShapes;
const isLowLevelClient = (client: unknown) => typeof (client as Sender)?.send === "function";

export const paginateQuery = createPaginator<DynamoDBClient, Shapes["Query"][0], Shapes["Query"][1]>(
  isLowLevelClient, "DynamoDBClient", COMMANDS.Query, "ExclusiveStartKey", "LastEvaluatedKey", "Limit");
export const paginateScan = createPaginator<DynamoDBClient, Shapes["Scan"][0], Shapes["Scan"][1]>(
  isLowLevelClient, "DynamoDBClient", COMMANDS.Scan, "ExclusiveStartKey", "LastEvaluatedKey", "Limit");
export const paginateListTables = createPaginator<DynamoDBClient, Shapes["ListTables"][0], Shapes["ListTables"][1]>(
  isLowLevelClient, "DynamoDBClient", COMMANDS.ListTables, "ExclusiveStartTableName", "LastEvaluatedTableName", "Limit");
