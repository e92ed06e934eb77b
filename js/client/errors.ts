/**
 * DynamoDB's errors as exceptions shaped like the AWS SDK v3's: a DynamoDBServiceException base
 * (name, message, $fault "client" | "server", $metadata with httpStatusCode and requestId, the raw
 * __type) and one class per error DynamoDB models, generated from one table. The error body's other
 * members land on the exception as the SDK puts them (ConditionalCheckFailedException.Item,
 * TransactionCanceledException.CancellationReasons, ThrottlingReasons). `Message` becomes `message`.
 *
 * instanceof works both ways with the real SDK: each class carries the SDK's static shapeId, which
 * the SDK's own Symbol.hasInstance compares, and ours accepts an SDK exception of the same name.
 */
import type { CancellationReason, ThrottlingReason } from "@aws-sdk/client-dynamodb";
import type { AttributeValueMap, ResponseMetadata } from "./wire.js";

export interface ServiceExceptionOptions {
  name: string;
  message?: string;
  $fault: "client" | "server";
  $metadata: ResponseMetadata;
}

const SERVICE_SHAPE = "smithy.ts.sdk.synthetic.com.amazonaws.dynamodb#DynamoDBServiceException";

export class DynamoDBServiceException extends Error {
  static readonly shapeId: string = SERVICE_SHAPE;
  override name: string;
  $fault: "client" | "server";
  $metadata: ResponseMetadata;
  $retryable?: { throttling?: boolean } | undefined;
  /** The error's type as DynamoDB sent it, e.g. "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException". */
  __type?: string;
  [field: string]: unknown;

  constructor(options: ServiceExceptionOptions) {
    const message = options.message ?? "UnknownError";
    super(message);
    // Enumerable, as the SDK's (which assigns it after construction).
    Object.defineProperty(this, "message", { value: message, enumerable: true, writable: true, configurable: true });
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
  }

  /** SDK-compatible: any service exception (ours or the SDK's) passes `instanceof` of the base; a
   *  subclass accepts its own instances and service exceptions carrying its name. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== "object" || value === null) return false;
    const v = value as { $fault?: unknown; $metadata?: unknown; name?: unknown };
    if (!(v.$fault === "client" || v.$fault === "server") || !v.$metadata) return false;
    return this === DynamoDBServiceException || v.name === (this as { errorName?: string }).errorName;
  }
}

/** The errors DynamoDB's model declares, and whether each is the client's fault or the server's. */
const ERRORS = {
  BackupInUseException: "client",
  BackupNotFoundException: "client",
  ConditionalCheckFailedException: "client",
  ContinuousBackupsUnavailableException: "client",
  DuplicateItemException: "client",
  ExportConflictException: "client",
  ExportNotFoundException: "client",
  GlobalTableAlreadyExistsException: "client",
  GlobalTableNotFoundException: "client",
  IdempotentParameterMismatchException: "client",
  ImportConflictException: "client",
  ImportNotFoundException: "client",
  IndexNotFoundException: "client",
  InternalServerError: "server",
  InvalidEndpointException: "client",
  InvalidExportTimeException: "client",
  InvalidRestoreTimeException: "client",
  ItemCollectionSizeLimitExceededException: "client",
  LimitExceededException: "client",
  PointInTimeRecoveryUnavailableException: "client",
  PolicyNotFoundException: "client",
  ProvisionedThroughputExceededException: "client",
  ReplicaAlreadyExistsException: "client",
  ReplicaNotFoundException: "client",
  ReplicatedWriteConflictException: "client",
  RequestLimitExceeded: "client",
  ResourceInUseException: "client",
  ResourceNotFoundException: "client",
  TableAlreadyExistsException: "client",
  TableInUseException: "client",
  TableNotFoundException: "client",
  ThrottlingException: "client",
  TransactionCanceledException: "client",
  TransactionConflictException: "client",
  TransactionInProgressException: "client",
  // DynamoDB Streams' own (@aws-sdk/client-dynamodb-streams).
  ExpiredIteratorException: "client",
  TrimmedDataAccessException: "client",
  // Not in the SDK's model, but DynamoDB answers them (the SDK then uses its base class).
  ValidationException: "client",
  SerializationException: "client",
  UnknownOperationException: "client",
  AccessDeniedException: "client",
  UnrecognizedClientException: "client",
} as const satisfies Record<string, "client" | "server">;

export type ErrorName = keyof typeof ERRORS;

const STREAMS_ONLY: ReadonlySet<string> = new Set(["ExpiredIteratorException", "TrimmedDataAccessException"]);

/** Extra members some errors carry (as in the SDK's models). */
interface ErrorFields {
  ConditionalCheckFailedException: { Item?: AttributeValueMap };
  TransactionCanceledException: { CancellationReasons?: CancellationReason[] };
  ProvisionedThroughputExceededException: { ThrottlingReasons?: ThrottlingReason[] };
  RequestLimitExceeded: { ThrottlingReasons?: ThrottlingReason[] };
  ThrottlingException: { throttlingReasons?: ThrottlingReason[] };
}

/** The same, as data: members each exception declares (own properties, undefined when absent). */
const DECLARED_FIELDS: Partial<Record<ErrorName, readonly string[]>> = {
  ConditionalCheckFailedException: ["Item"],
  TransactionCanceledException: ["CancellationReasons"],
  ProvisionedThroughputExceededException: ["ThrottlingReasons"],
  RequestLimitExceeded: ["ThrottlingReasons"],
  ThrottlingException: ["throttlingReasons"],
};

export type ServiceExceptionOf<N extends ErrorName> = DynamoDBServiceException &
  { name: N } & (N extends keyof ErrorFields ? ErrorFields[N] : unknown);

export interface ServiceExceptionClass<N extends ErrorName> {
  new (options: Omit<ServiceExceptionOptions, "name"> & Record<string, unknown>): ServiceExceptionOf<N>;
  readonly errorName: N;
  readonly shapeId: string;
}

function defineException<N extends ErrorName>(name: N): ServiceExceptionClass<N> {
  const fault = ERRORS[name];
  const fields = DECLARED_FIELDS[name] ?? [];
  const cls = class extends DynamoDBServiceException {
    static readonly errorName = name;
    static override readonly shapeId = `com.amazonaws.${STREAMS_ONLY.has(name) ? "dynamodbstreams" : "dynamodb"}#${name}`;
    constructor(options: Omit<ServiceExceptionOptions, "name"> & Record<string, unknown>) {
      super({ ...options, name, $fault: options.$fault ?? fault });
      for (const f of fields) this[f] = options[f];
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls as unknown as ServiceExceptionClass<N>;
}

/** Every class by error name (also the ones not exported under their own name). */
export const EXCEPTIONS = Object.fromEntries(
  (Object.keys(ERRORS) as ErrorName[]).map((n) => [n, defineException(n)]),
) as { [N in ErrorName]: ServiceExceptionClass<N> };

/**
 * The exception for an engine error response: the class named by __type (the part after '#'), or
 * the base class for a name DynamoDB's model does not list. Extra body members are copied on.
 */
export function toServiceException(status: number, body: string, $metadata: ResponseMetadata, revive: (text: string) => unknown): DynamoDBServiceException {
  let data: Record<string, unknown> = {};
  try {
    data = (revive(body) ?? {}) as Record<string, unknown>;
  } catch {
    data = { message: body };
  }
  const type = typeof data.__type === "string" ? data.__type : "UnknownError";
  const name = type.slice(type.indexOf("#") + 1);
  const $fault = status >= 500 ? "server" : "client";
  const message = (data.message ?? data.Message ?? "UnknownError") as string;
  const Ctor = (EXCEPTIONS as Record<string, ServiceExceptionClass<ErrorName>>)[name];
  const error = Ctor ? new Ctor({ message, $fault, $metadata }) : new DynamoDBServiceException({ name, message, $fault, $metadata });
  error.$retryable = undefined;
  for (const [k, v] of Object.entries(data)) {
    if (k !== "message" && k !== "Message" && v !== undefined) error[k] = v;
  }
  error.$response = { statusCode: status, headers: { "content-type": "application/x-amz-json-1.0" }, body };
  return error;
}
