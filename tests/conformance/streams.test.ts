/**
 * DynamoDB Streams conformance: StreamSpecification on CreateTable / UpdateTable and the Streams
 * API (ListStreams, DescribeStream, GetShardIterator, GetRecords; X-Amz-Target
 * DynamoDBStreams_20120810.<op>, written here as "DynamoDBStreams.<op>").
 * Sources: the AWS API references of CreateTable, UpdateTable and the DynamoDB Streams operations
 * (parameter constraints, record fields, Limit upper bounds 100 / 1000); UpdateTable/CreateTable
 * stream messages as captured from DynamoDB by the ack-api-quirks DDB-TABLE-442 catalogue
 * ("Table already has an enabled stream: TableName: <TBL>", "Table has no stream to disable: ...",
 * "If stream is being enabled then UpdateViewType is required", ...); ScyllaDB's
 * test/alternator/test_streams.py (run against DynamoDB: which errors are ValidationException and
 * which ResourceNotFoundException). Messages of the Streams operations' own semantic errors are
 * not documented anywhere we found; those cases assert the error type and this engine's wording.
 * Iterator expiry (15 minutes) and trimming (24 hours) need a clock: wasm/src/stream_log_test.cc.
 */
import {
  ABSENT,
  ANY,
  HASH_TABLE,
  INVALID,
  NOT_NULL,
  TABLE,
  conformance,
  createTable,
  derived,
  err,
  errorType,
  ok,
  okSubset,
  put,
  re,
  validation,
  violation,
  violations,
  type Case,
  type Step,
} from "./runner.js";

const S = "streamed";
const LABEL = re(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
const ARN = re(/^arn:aws:dynamodb:ddblocal:000000000000:table\/streamed\/stream\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
const SEQ = re(/^\d{21}$/);
const VIEW_TYPES = "[NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]";
const MISSING_ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/streamed/stream/2000-01-01T00:00:00.000";

function streamedTable(view: string | null, name = S): Step {
  const step = createTable(name);
  (step.body as Record<string, unknown>).StreamSpecification =
    view === null ? { StreamEnabled: false } : { StreamEnabled: true, StreamViewType: view };
  return step;
}
/** The stream ARN in the answer to setup step i (a CreateTable or UpdateTable). */
const arnOf = (answers: any[], i = 0): string => answers[i].TableDescription.LatestStreamArn;
const describeStream = (i = 0): Step => ({ op: "DynamoDBStreams.DescribeStream", body: derived((a) => ({ StreamArn: arnOf(a, i) })) });
/** GetShardIterator on the stream of setup step 0, the shard from the DescribeStream at setup step d. */
const iterator = (d: number, type: string): Step => ({
  op: "DynamoDBStreams.GetShardIterator",
  body: derived((a) => ({
    StreamArn: arnOf(a),
    ShardId: a[d].StreamDescription.Shards[0].ShardId,
    ShardIteratorType: type,
  })),
});
const key = (pk: string) => ({ pk: { S: pk } });
const update = (pk: string, v: string): Step => ({
  op: "UpdateItem",
  body: {
    TableName: S,
    Key: key(pk),
    UpdateExpression: "SET v = :v",
    ExpressionAttributeValues: { ":v": { S: v } },
  },
});
const record = (eventName: string, pk: string, images: Record<string, unknown> = {}) => ({
  eventID: re(/^[0-9a-f]{32}$/),
  eventName,
  eventVersion: "1.1",
  eventSource: "aws:dynamodb",
  awsRegion: "ddblocal",
  dynamodb: {
    ApproximateCreationDateTime: ANY,
    Keys: key(pk),
    ...images,
    SequenceNumber: SEQ,
    SizeBytes: ANY,
    StreamViewType: "NEW_AND_OLD_IMAGES",
  },
});

const cases: Case[] = [
  // ---- StreamSpecification on CreateTable
  {
    name: "CreateTable with a stream describes it",
    op: "CreateTable",
    request: (streamedTable("NEW_AND_OLD_IMAGES").body as object),
    expect: okSubset({
      TableDescription: {
        TableName: S,
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
        LatestStreamArn: ARN,
        LatestStreamLabel: LABEL,
      },
    }),
    after: [
      {
        op: "DescribeTable",
        body: { TableName: S },
        expect: okSubset({
          Table: { StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" }, LatestStreamArn: ARN },
        }),
      },
    ],
  },
  {
    name: "CreateTable with StreamEnabled false has no stream",
    op: "CreateTable",
    request: streamedTable(null).body as object,
    expect: okSubset({ TableDescription: { StreamSpecification: ABSENT, LatestStreamArn: ABSENT } }),
  },
  {
    name: "CreateTable stream enabled without a view type",
    op: "CreateTable",
    request: { ...(createTable(S).body as object), StreamSpecification: { StreamEnabled: true } },
    expect: validation(`${INVALID}Table is being created with a stream enabled, UpdateViewType is required`),
  },
  {
    name: "CreateTable stream disabled with a view type",
    op: "CreateTable",
    request: { ...(createTable(S).body as object), StreamSpecification: { StreamEnabled: false, StreamViewType: "KEYS_ONLY" } },
    expect: validation(`${INVALID}Table is being created with a stream disabled, UpdateViewType should not be specified`),
  },
  {
    name: "CreateTable unknown view type",
    op: "CreateTable",
    request: { ...(createTable(S).body as object), StreamSpecification: { StreamEnabled: true, StreamViewType: "Fisk" } },
    expect: validation(
      violations(violation("Fisk", "streamSpecification.streamViewType", `Member must satisfy enum value set: ${VIEW_TYPES}`)),
    ),
  },
  {
    name: "CreateTable StreamSpecification without StreamEnabled",
    op: "CreateTable",
    request: { ...(createTable(S).body as object), StreamSpecification: { StreamViewType: "KEYS_ONLY" } },
    expect: validation(violations(violation(null, "streamSpecification.streamEnabled", NOT_NULL))),
  },
  // ---- StreamSpecification on UpdateTable
  {
    name: "UpdateTable enables a stream",
    setup: [HASH_TABLE],
    op: "UpdateTable",
    request: { TableName: TABLE, StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" } },
    expect: okSubset({
      TableDescription: {
        StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" },
        LatestStreamArn: re(/^arn:aws:dynamodb:ddblocal:000000000000:table\/items\/stream\//),
        LatestStreamLabel: LABEL,
      },
    }),
  },
  {
    name: "UpdateTable disables the stream, which stays the latest",
    setup: [streamedTable("KEYS_ONLY")],
    op: "UpdateTable",
    request: { TableName: S, StreamSpecification: { StreamEnabled: false } },
    expect: okSubset({ TableDescription: { StreamSpecification: ABSENT, LatestStreamArn: ARN, LatestStreamLabel: LABEL } }),
  },
  {
    name: "UpdateTable enabling a stream the table has",
    setup: [streamedTable("KEYS_ONLY")],
    op: "UpdateTable",
    request: { TableName: S, StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" } },
    expect: validation(`Table already has an enabled stream: TableName: ${S}`),
  },
  {
    name: "UpdateTable changing the view type of an enabled stream",
    setup: [streamedTable("KEYS_ONLY")],
    op: "UpdateTable",
    request: { TableName: S, StreamSpecification: { StreamEnabled: true, StreamViewType: "OLD_IMAGE" } },
    expect: validation(`Table already has an enabled stream: TableName: ${S}`),
  },
  {
    name: "UpdateTable disabling a stream the table does not have",
    setup: [HASH_TABLE],
    op: "UpdateTable",
    request: { TableName: TABLE, StreamSpecification: { StreamEnabled: false } },
    expect: validation(`Table has no stream to disable: TableName: ${TABLE}`),
  },
  {
    name: "UpdateTable enabling without a view type",
    setup: [HASH_TABLE],
    op: "UpdateTable",
    request: { TableName: TABLE, StreamSpecification: { StreamEnabled: true } },
    expect: validation(`${INVALID}If stream is being enabled then UpdateViewType is required`),
  },
  {
    name: "UpdateTable disabling with a view type",
    setup: [streamedTable("KEYS_ONLY")],
    op: "UpdateTable",
    request: { TableName: S, StreamSpecification: { StreamEnabled: false, StreamViewType: "KEYS_ONLY" } },
    expect: validation(`${INVALID}If stream is being disabled, then UpdateViewType must not be specified`),
  },
  {
    name: "UpdateTable stream change with an index creation",
    setup: [HASH_TABLE],
    op: "UpdateTable",
    request: {
      TableName: TABLE,
      StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" },
      AttributeDefinitions: [{ AttributeName: "g", AttributeType: "S" }],
      GlobalSecondaryIndexUpdates: [
        { Create: { IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } } },
      ],
    },
    expect: validation(`${INVALID}You cannot create or delete index while changing stream status`),
  },
  // ---- ListStreams
  {
    name: "ListStreams with no streams",
    setup: [HASH_TABLE],
    op: "DynamoDBStreams.ListStreams",
    request: {},
    expect: ok({ Streams: [] }),
  },
  {
    name: "ListStreams lists current and disabled streams",
    setup: [
      streamedTable("KEYS_ONLY"),
      { op: "UpdateTable", body: { TableName: S, StreamSpecification: { StreamEnabled: false } } },
      createTable("other"),
    ],
    op: "DynamoDBStreams.ListStreams",
    request: { TableName: S },
    expect: ok({ Streams: [{ StreamArn: ARN, TableName: S, StreamLabel: LABEL }] }),
  },
  {
    name: "ListStreams pages with Limit",
    setup: [streamedTable("KEYS_ONLY"), streamedTable("KEYS_ONLY", "streamed2")],
    op: "DynamoDBStreams.ListStreams",
    request: { Limit: 1 },
    expect: ok({ Streams: [{ StreamArn: ARN, TableName: S, StreamLabel: LABEL }], LastEvaluatedStreamArn: ARN }),
  },
  {
    name: "ListStreams after the last page",
    setup: [streamedTable("KEYS_ONLY"), streamedTable("KEYS_ONLY", "streamed2")],
    op: "DynamoDBStreams.ListStreams",
    request: derived((a) => ({ ExclusiveStartStreamArn: arnOf(a, 0) })),
    expect: okSubset({ Streams: [{ TableName: "streamed2" }], LastEvaluatedStreamArn: ABSENT }),
  },
  {
    name: "ListStreams Limit 0",
    op: "DynamoDBStreams.ListStreams",
    request: { Limit: 0 },
    expect: validation(violations(violation("0", "limit", "Member must have value greater than or equal to 1"))),
  },
  {
    name: "ListStreams Limit above 100",
    op: "DynamoDBStreams.ListStreams",
    request: { Limit: 101 },
    expect: validation(violations(violation("101", "limit", "Member must have value less than or equal to 100"))),
  },
  {
    name: "ListStreams malformed ExclusiveStartStreamArn",
    op: "DynamoDBStreams.ListStreams",
    request: { ExclusiveStartStreamArn: "kossaapaaasdafsdaasdasdasdasasdasfadfadfasdasdas" },
    expect: validation("Invalid ExclusiveStartStreamArn"),
  },
  // ---- DescribeStream
  {
    name: "DescribeStream of an enabled stream",
    setup: [streamedTable("NEW_AND_OLD_IMAGES")],
    op: "DynamoDBStreams.DescribeStream",
    request: derived((a) => ({ StreamArn: arnOf(a) })),
    expect: ok({
      StreamDescription: {
        StreamArn: ARN,
        StreamLabel: LABEL,
        StreamStatus: "ENABLED",
        StreamViewType: "NEW_AND_OLD_IMAGES",
        CreationRequestDateTime: ANY,
        TableName: S,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        Shards: [{ ShardId: re(/^shardId-\d{20}-[0-9a-f]{8}$/), SequenceNumberRange: { StartingSequenceNumber: SEQ } }],
      },
    }),
  },
  {
    name: "DescribeStream of a disabled stream: a closed shard",
    setup: [
      streamedTable("KEYS_ONLY"),
      put({ pk: { S: "a" } }, S),
      { op: "UpdateTable", body: { TableName: S, StreamSpecification: { StreamEnabled: false } } },
    ],
    op: "DynamoDBStreams.DescribeStream",
    request: derived((a) => ({ StreamArn: arnOf(a) })),
    expect: okSubset({
      StreamDescription: {
        StreamStatus: "DISABLED",
        Shards: [{ SequenceNumberRange: { StartingSequenceNumber: SEQ, EndingSequenceNumber: SEQ } }],
      },
    }),
  },
  {
    name: "DescribeStream of a deleted table's stream",
    setup: [streamedTable("KEYS_ONLY"), { op: "DeleteTable", body: { TableName: S } }],
    op: "DynamoDBStreams.DescribeStream",
    request: derived((a) => ({ StreamArn: arnOf(a) })),
    expect: okSubset({ StreamDescription: { StreamStatus: "DISABLED", TableName: S } }),
  },
  {
    name: "DescribeStream ExclusiveStartShardId of the last shard",
    setup: [streamedTable("KEYS_ONLY"), describeStream()],
    op: "DynamoDBStreams.DescribeStream",
    request: derived((a) => ({ StreamArn: arnOf(a), ExclusiveStartShardId: a[1].StreamDescription.Shards[0].ShardId })),
    expect: okSubset({ StreamDescription: { Shards: [] } }),
  },
  {
    name: "DescribeStream of a stream that does not exist",
    setup: [streamedTable("KEYS_ONLY")],
    op: "DynamoDBStreams.DescribeStream",
    request: { StreamArn: MISSING_ARN },
    expect: err("ResourceNotFoundException", `Requested resource not found: Stream: ${MISSING_ARN} not found`),
  },
  {
    name: "DescribeStream of a string that is no stream ARN",
    op: "DynamoDBStreams.DescribeStream",
    request: { StreamArn: "sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf" },
    expect: validation("Invalid StreamArn"),
  },
  {
    name: "DescribeStream without StreamArn",
    op: "DynamoDBStreams.DescribeStream",
    request: {},
    expect: validation(violations(violation(null, "streamArn", NOT_NULL))),
  },
  {
    name: "DescribeStream StreamArn too short",
    op: "DynamoDBStreams.DescribeStream",
    request: { StreamArn: "arn:aws:dynamodb" },
    expect: validation(
      violations(violation("arn:aws:dynamodb", "streamArn", "Member must have length greater than or equal to 37")),
    ),
  },
  // ---- GetShardIterator
  {
    name: "GetShardIterator TRIM_HORIZON",
    setup: [streamedTable("KEYS_ONLY"), describeStream()],
    op: "DynamoDBStreams.GetShardIterator",
    request: derived((a) => ({ StreamArn: arnOf(a), ShardId: a[1].StreamDescription.Shards[0].ShardId, ShardIteratorType: "TRIM_HORIZON" })),
    expect: ok({ ShardIterator: re(/^arn:aws:dynamodb:ddblocal:000000000000:table\/streamed\/stream\//) }),
  },
  {
    name: "GetShardIterator AT_SEQUENCE_NUMBER without SequenceNumber",
    setup: [streamedTable("KEYS_ONLY"), describeStream()],
    op: "DynamoDBStreams.GetShardIterator",
    request: derived((a) => ({ StreamArn: arnOf(a), ShardId: a[1].StreamDescription.Shards[0].ShardId, ShardIteratorType: "AT_SEQUENCE_NUMBER" })),
    expect: validation("Must specify a SequenceNumber for ShardIteratorType AT_SEQUENCE_NUMBER"),
  },
  {
    name: "GetShardIterator LATEST with a SequenceNumber",
    setup: [streamedTable("KEYS_ONLY"), describeStream()],
    op: "DynamoDBStreams.GetShardIterator",
    request: derived((a) => ({
      StreamArn: arnOf(a),
      ShardId: a[1].StreamDescription.Shards[0].ShardId,
      ShardIteratorType: "LATEST",
      SequenceNumber: a[1].StreamDescription.Shards[0].SequenceNumberRange.StartingSequenceNumber,
    })),
    expect: validation("SequenceNumber must not be specified for ShardIteratorType LATEST"),
  },
  {
    name: "GetShardIterator a SequenceNumber that is not a number",
    setup: [streamedTable("KEYS_ONLY"), describeStream()],
    op: "DynamoDBStreams.GetShardIterator",
    request: derived((a) => ({
      StreamArn: arnOf(a),
      ShardId: a[1].StreamDescription.Shards[0].ShardId,
      ShardIteratorType: "AFTER_SEQUENCE_NUMBER",
      SequenceNumber: "sdfsafglldfngjdafnasdflgnaldklkafdsgklnasdlv".slice(0, 40),
    })),
    expect: validation("Invalid SequenceNumber: sdfsafglldfngjdafnasdflgnaldklkafdsgklna"),
  },
  {
    name: "GetShardIterator unknown type",
    setup: [streamedTable("KEYS_ONLY"), describeStream()],
    op: "DynamoDBStreams.GetShardIterator",
    request: derived((a) => ({ StreamArn: arnOf(a), ShardId: a[1].StreamDescription.Shards[0].ShardId, ShardIteratorType: "bulle" })),
    expect: validation(
      violations(
        violation(
          "bulle",
          "shardIteratorType",
          "Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]",
        ),
      ),
    ),
  },
  {
    name: "GetShardIterator unknown shard",
    setup: [streamedTable("KEYS_ONLY")],
    op: "DynamoDBStreams.GetShardIterator",
    request: derived((a) => ({ StreamArn: arnOf(a), ShardId: "adfasdasdasdasdasdasdasdasdasasdasd", ShardIteratorType: "LATEST" })),
    expect: err("ResourceNotFoundException", "Requested resource not found: Shard does not exist: adfasdasdasdasdasdasdasdasdasasdasd"),
  },
  {
    name: "GetShardIterator ShardId too short and no type",
    setup: [streamedTable("KEYS_ONLY")],
    op: "DynamoDBStreams.GetShardIterator",
    request: derived((a) => ({ StreamArn: arnOf(a), ShardId: "shardId-1" })),
    expect: validation(
      violations(
        violation("shardId-1", "shardId", "Member must have length greater than or equal to 28"),
        violation(null, "shardIteratorType", NOT_NULL),
      ),
    ),
  },
  {
    name: "GetShardIterator of a stream that does not exist",
    op: "DynamoDBStreams.GetShardIterator",
    request: { StreamArn: MISSING_ARN, ShardId: "shardId-00000001700000000000-00000000", ShardIteratorType: "LATEST" },
    expect: err("ResourceNotFoundException", `Requested resource not found: Stream: ${MISSING_ARN} not found`),
  },
  // ---- GetRecords
  {
    name: "GetRecords reads every change in order",
    setup: [
      streamedTable("NEW_AND_OLD_IMAGES"),
      put({ pk: { S: "a" }, v: { S: "1" } }, S),
      put({ pk: { S: "a" }, v: { S: "1" } }, S), // changes nothing: no record
      update("a", "2"),
      { op: "DeleteItem", body: { TableName: S, Key: key("a") } },
      { op: "DeleteItem", body: { TableName: S, Key: key("nothing") } }, // deletes nothing: no record
      describeStream(),
      iterator(6, "TRIM_HORIZON"),
    ],
    op: "DynamoDBStreams.GetRecords",
    request: derived((a) => ({ ShardIterator: a[7].ShardIterator })),
    expect: ok({
      Records: [
        record("INSERT", "a", { NewImage: { pk: { S: "a" }, v: { S: "1" } } }),
        record("MODIFY", "a", { NewImage: { pk: { S: "a" }, v: { S: "2" } }, OldImage: { pk: { S: "a" }, v: { S: "1" } } }),
        record("REMOVE", "a", { OldImage: { pk: { S: "a" }, v: { S: "2" } } }),
      ],
      NextShardIterator: ANY,
    }),
  },
  {
    name: "GetRecords with Limit",
    setup: [
      streamedTable("NEW_AND_OLD_IMAGES"),
      put({ pk: { S: "a" } }, S),
      put({ pk: { S: "b" } }, S),
      describeStream(),
      iterator(3, "TRIM_HORIZON"),
    ],
    op: "DynamoDBStreams.GetRecords",
    request: derived((a) => ({ ShardIterator: a[4].ShardIterator, Limit: 1 })),
    expect: okSubset({ Records: [{ eventName: "INSERT", dynamodb: { Keys: key("a") } }], NextShardIterator: ANY }),
  },
  {
    name: "GetRecords from LATEST sees nothing older",
    setup: [streamedTable("KEYS_ONLY"), put({ pk: { S: "a" } }, S), describeStream(), iterator(2, "LATEST")],
    op: "DynamoDBStreams.GetRecords",
    request: derived((a) => ({ ShardIterator: a[3].ShardIterator })),
    expect: ok({ Records: [], NextShardIterator: ANY }),
  },
  {
    name: "GetRecords of a closed shard read to its end has no NextShardIterator",
    setup: [
      streamedTable("KEYS_ONLY"),
      put({ pk: { S: "a" } }, S),
      { op: "UpdateTable", body: { TableName: S, StreamSpecification: { StreamEnabled: false } } },
      put({ pk: { S: "b" } }, S), // after the stream was disabled: not recorded
      describeStream(),
      iterator(4, "TRIM_HORIZON"),
    ],
    op: "DynamoDBStreams.GetRecords",
    request: derived((a) => ({ ShardIterator: a[5].ShardIterator })),
    expect: okSubset({ Records: [{ eventName: "INSERT", dynamodb: { Keys: key("a"), StreamViewType: "KEYS_ONLY" } }], NextShardIterator: ABSENT }),
  },
  {
    name: "GetRecords Limit above 1000",
    op: "DynamoDBStreams.GetRecords",
    request: { ShardIterator: "x", Limit: 1001 },
    expect: validation(violations(violation("1001", "limit", "Member must have value less than or equal to 1000"))),
  },
  {
    name: "GetRecords Limit 0",
    op: "DynamoDBStreams.GetRecords",
    request: { ShardIterator: "x", Limit: 0 },
    expect: validation(violations(violation("0", "limit", "Member must have value greater than or equal to 1"))),
  },
  {
    name: "GetRecords without ShardIterator",
    op: "DynamoDBStreams.GetRecords",
    request: {},
    expect: validation(violations(violation(null, "shardIterator", NOT_NULL))),
  },
  {
    name: "GetRecords of an iterator that is not one",
    op: "DynamoDBStreams.GetRecords",
    request: { ShardIterator: "sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg" },
    expect: validation("Invalid ShardIterator"),
  },
  {
    name: "GetRecords of an altered iterator",
    setup: [streamedTable("KEYS_ONLY"), describeStream(), iterator(1, "TRIM_HORIZON")],
    op: "DynamoDBStreams.GetRecords",
    request: derived((a) => ({ ShardIterator: String(a[2].ShardIterator).replace("|0|", "|1|") })),
    expect: validation("Invalid ShardIterator"),
  },
  // ---- Targets
  {
    name: "a Streams operation name under the DynamoDB target is unknown",
    op: "GetRecords",
    request: { ShardIterator: "x" },
    expect: { status: 400, body: { __type: errorType("UnknownOperationException") } },
  },
  {
    name: "a DynamoDB operation under the Streams target is unknown",
    setup: [HASH_TABLE],
    op: "DynamoDBStreams.GetItem",
    request: { TableName: TABLE, Key: key("a") },
    expect: { status: 400, body: { __type: errorType("UnknownOperationException") } },
  },
];

conformance("DynamoDB Streams", cases);
