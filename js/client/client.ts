/**
 * DynamoDBClient: the AWS SDK's client surface (`send(command)`, `config`, `destroy()`) over any
 * OperationTarget, with no HTTP, no signing and no retries: an engine in this isolate, a
 * DynamoDBEngine on a Durable Object's own storage, or a DynamoDBDurableObject reached over RPC
 * through a namespace binding (`{ doNamespace: env.DYNAMODB, database: "orders" }`).
 *
 * send() accepts this package's commands, and command objects built by @aws-sdk/client-dynamodb
 * and @aws-sdk/lib-dynamodb, recognised by shape so the SDK is never imported:
 * - a document command (do-dynamodb/lib's or lib-dynamodb's) carries `clientCommand`,
 *   `inputKeyNodes` and `outputKeyNodes`: its native values are (un)marshalled with the config's
 *   translateConfig (default options when unset) by a DocumentMarshalling (this client knows
 *   nothing of native values): the command's own `documentMarshalling` (do-dynamodb/lib's commands
 *   carry one, so they run on any client), else the config's, installed by do-dynamodb/lib's
 *   DynamoDBDocumentClient.from; with neither (a lib-dynamodb command on a client no document
 *   client wraps) send() refuses the command;
 * - an SDK command carries its operation schema, `[9, "com.amazonaws.dynamodb", "PutItem", ...]`
 *   (@smithy/core's Command.schema); older SDK builds are named `<Operation>Command`.
 */
import type { OperationTarget } from "../engine/types.js";
import { newRequestId } from "../http/request-id.js";
import { engineOperation, type Command } from "./commands.js";
import { toServiceException } from "./errors.js";
import { parseResponse, stringifyRequest, type ResponseMetadata } from "./wire.js";
import { DEFAULT_DATABASE, isDatabaseName } from "../worker/database-name.js";

/**
 * How a client runs document commands: marshalls the native values of a command's input along its
 * inputKeyNodes, and unmarshalls the output along its outputKeyNodes, with the config's
 * translateConfig. do-dynamodb/lib's document commands carry it as `documentMarshalling`, and its
 * DynamoDBDocumentClient.from installs it on the config (for lib-dynamodb's commands).
 */
export interface DocumentMarshalling {
  marshallInput(input: object, keyNodes: unknown, translateConfig: unknown): object;
  unmarshallOutput(output: object, keyNodes: unknown, translateConfig: unknown): object;
}

/** The part of a Durable Object namespace binding the client uses (env.DYNAMODB). */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: any): unknown;
}

export interface DynamoDBClientConfig {
  /** Where requests run: anything with handle(op, body), e.g. createNodeEngine() or a DO stub. */
  target?: OperationTarget;
  /**
   * A namespace bound to DynamoDBDurableObject (or a subclass): requests go over RPC to the
   * object holding `database`. The same object the Worker's HTTP route `/<database>` reaches.
   */
  doNamespace?: DurableObjectNamespaceLike;
  /** The database in doNamespace: [A-Za-z0-9_.-]{1,128}, default "default". */
  database?: string;
  /** How document commands without their own are marshalled (DynamoDBDocumentClient.from installs it). */
  documentMarshalling?: DocumentMarshalling;
  /** lib-dynamodb's translateConfig, handed to documentMarshalling (DynamoDBDocumentClient.from sets it). */
  translateConfig?: unknown;
}

/** An SDK-built command, typed by what its handler resolves to. */
interface SdkCommandLike {
  input: object;
  resolveMiddleware(...args: any[]): (...args: any[]) => Promise<{ output: object }>;
}
type SdkOutput<C extends SdkCommandLike> = Awaited<ReturnType<ReturnType<C["resolveMiddleware"]>>>["output"];

export class DynamoDBClient {
  readonly config: DynamoDBClientConfig;
  readonly #target: OperationTarget;

  constructor(config: DynamoDBClientConfig) {
    this.config = { ...config };
    this.#target = resolveTarget(config);
  }

  send<Input extends object, Output extends object>(command: Command<Input, Output>, options?: SendOptions): Promise<Output>;
  send<C extends SdkCommandLike>(command: C, options?: SendOptions): Promise<SdkOutput<C>>;
  async send(command: object, options?: SendOptions): Promise<object> {
    options?.abortSignal?.throwIfAborted?.();
    const { operation, input, inputKeyNodes, outputKeyNodes, documentMarshalling } = recognise(command);
    // Low-level commands skip the document marshalling (nothing read, no objects made per send).
    const document = inputKeyNodes === undefined ? undefined : (documentMarshalling ?? this.#documentMarshalling());
    const translateConfig = document && this.config.translateConfig;
    const body = stringifyRequest(document ? document.marshallInput(input, inputKeyNodes, translateConfig) : input);
    const result = await this.#target.handle(operation, body);
    const $metadata: ResponseMetadata = {
      httpStatusCode: result.status,
      requestId: newRequestId(),
      extendedRequestId: undefined,
      cfId: undefined,
      attempts: 1,
      totalRetryDelay: 0,
    };
    if (result.status !== 200) throw toServiceException(result.status, result.body, $metadata, parseResponse);
    const parsed = parseResponse(result.body);
    // A fresh object from JSON.parse: $metadata goes on it (last, as a spread copy would put it).
    const output = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : { ...parsed };
    output.$metadata = $metadata;
    if (document === undefined || outputKeyNodes === undefined) return output;
    return document.unmarshallOutput(output, outputKeyNodes, translateConfig);
  }

  #documentMarshalling(): DocumentMarshalling {
    const installed = this.config.documentMarshalling;
    if (installed) return installed;
    throw new TypeError(
      "do-dynamodb: document commands from @aws-sdk/lib-dynamodb (PutCommand, ...) run through " +
        "DynamoDBDocumentClient.from(client) from do-dynamodb/lib, which installs their marshalling " +
        "(do-dynamodb/lib's own document commands carry theirs)",
    );
  }

  /** Part of the SDK's client surface; there is nothing to release. */
  destroy(): void {}
}

export interface SendOptions {
  abortSignal?: AbortSignal;
}

function resolveTarget(config: DynamoDBClientConfig): OperationTarget {
  if (config && "shard" in config)
    throw new TypeError(
      "do-dynamodb: the shard option is DynamoDBClient's from do-dynamodb/do (it routes over shards; this client stays free of the engine)",
    );
  if (config?.target) {
    if (typeof config.target.handle !== "function") throw new TypeError("do-dynamodb: target must have handle(op, body)");
    return config.target;
  }
  if (config?.doNamespace) {
    const database = config.database ?? DEFAULT_DATABASE;
    if (!isDatabaseName(database)) throw new TypeError(`do-dynamodb: invalid database name: ${JSON.stringify(database)}`);
    const ns = config.doNamespace;
    let stub: OperationTarget | null = null; // made on first use: the binding may outlive a request
    return { handle: (op, body) => (stub ??= ns.get(ns.idFromName(database)) as OperationTarget).handle(op, body) };
  }
  throw new TypeError("do-dynamodb: DynamoDBClient needs { target } or { doNamespace, database }");
}

interface Recognised {
  operation: string;
  input: object;
  /** A document command's key nodes (opaque here: DocumentMarshalling reads them). */
  inputKeyNodes?: unknown;
  outputKeyNodes?: unknown;
  /** The document command's own marshalling, if it carries one (do-dynamodb/lib's commands do). */
  documentMarshalling?: DocumentMarshalling;
}

const SDK_NAMESPACES = new Set(["com.amazonaws.dynamodb", "com.amazonaws.dynamodbstreams"]);

function recognise(command: any): Recognised {
  if (command?.clientCommand && command.inputKeyNodes !== undefined) {
    const own = command.documentMarshalling;
    return {
      operation: operationOf(command.clientCommand),
      input: command.input ?? {},
      inputKeyNodes: command.inputKeyNodes,
      outputKeyNodes: command.outputKeyNodes ?? undefined,
      documentMarshalling:
        typeof own?.marshallInput === "function" && typeof own.unmarshallOutput === "function" ? own : undefined,
    };
  }
  return { operation: operationOf(command), input: command.input ?? {} };
}

function operationOf(command: any): string {
  if (typeof command?.operation === "string") return command.operation;
  const schema = command?.schema;
  if (Array.isArray(schema) && schema[0] === 9 && SDK_NAMESPACES.has(schema[1]) && typeof schema[2] === "string") {
    return schema[1] === "com.amazonaws.dynamodbstreams" ? `DynamoDBStreams.${schema[2]}` : schema[2];
  }
  const name: unknown = command?.constructor?.name;
  if (command?.middlewareStack && typeof name === "string" && /^[A-Z]\w*Command$/.test(name)) return engineOperation(name.slice(0, -7));
  throw new TypeError("do-dynamodb: send() needs a DynamoDB command (this package's, or one from @aws-sdk/client-dynamodb or @aws-sdk/lib-dynamodb)");
}
