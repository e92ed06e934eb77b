/**
 * The DynamoDB Streams scenario, run through two doors: @aws-sdk/client-dynamodb plus
 * @aws-sdk/client-dynamodb-streams over HTTP against the Worker (Miniflare), and the same clients
 * in process inside a Durable Object (createInProcessClient / createInProcessStreamsClient).
 * A mixed workload (puts, an overwrite, a no-op put, updates, deletes, a batch write, a transaction,
 * a cancelled transaction and a failed condition) runs on a stream-enabled table; a GetRecords loop
 * (small pages, following NextShardIterator) must then read every change exactly once, in order,
 * with the images NEW_AND_OLD_IMAGES promises. Uses node:assert (nodejs_compat in workerd).
 */
import assert from "node:assert/strict";
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type DynamoDBStreamsClient,
  type _Record,
} from "@aws-sdk/client-dynamodb-streams";

type Item = Record<string, AttributeValue>;
const S = (s: string): AttributeValue => ({ S: s });
const N = (n: string): AttributeValue => ({ N: n });

/** One change as a line: "<eventName> <pk> new=<v> old=<v>" (images' v attribute, when present). */
export function describeRecord(r: _Record): string {
  const ddb = r.dynamodb!;
  const v = (image?: Record<string, { S?: string; N?: string }>) => (image?.v ? (image.v.S ?? image.v.N) : undefined);
  let line = `${r.eventName} ${ddb.Keys!.pk!.S}`;
  if (ddb.NewImage) line += ` new=${v(ddb.NewImage as never) ?? "-"}`;
  if (ddb.OldImage) line += ` old=${v(ddb.OldImage as never) ?? "-"}`;
  if (r.userIdentity) line += ` by=${r.userIdentity.Type}:${r.userIdentity.PrincipalId}`;
  return line;
}

/** Every record of the table's latest stream from TRIM_HORIZON, pages of `limit`, until an empty page. */
export async function readStream(streams: DynamoDBStreamsClient, table: string, limit = 3): Promise<_Record[]> {
  const listed = await streams.send(new ListStreamsCommand({ TableName: table }));
  const arn = listed.Streams!.at(-1)!.StreamArn!;
  const desc = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  const shard = desc.StreamDescription!.Shards![0]!;
  let iterator = (
    await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: "TRIM_HORIZON" }))
  ).ShardIterator;
  const records: _Record[] = [];
  for (let pages = 0; iterator && pages < 1000; pages++) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
    records.push(...(page.Records ?? []));
    if ((page.Records ?? []).length === 0) break;
    iterator = page.NextShardIterator;
  }
  return records;
}

/** The changes the workload makes, in order, as describeRecord writes them. */
export const EXPECTED_CHANGES = [
  "INSERT a new=1",
  "INSERT b new=1",
  "MODIFY a new=2 old=1",
  "MODIFY b new=3 old=1",
  "INSERT u new=4",
  "REMOVE b old=3",
  "INSERT c new=5",
  "INSERT d new=6",
  "REMOVE a old=2",
  "INSERT t1 new=7",
  "MODIFY c new=8 old=5",
  "REMOVE d old=6",
];

/** Runs the workload on a new stream-enabled table and reads it back; throws on any difference. */
export async function runStreamsScenario(client: DynamoDBClient, streams: DynamoDBStreamsClient, table: string): Promise<string[]> {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
  const put = (item: Item) => client.send(new PutItemCommand({ TableName: table, Item: item }));
  await put({ pk: S("a"), v: S("1") });
  await put({ pk: S("b"), v: S("1") });
  await put({ pk: S("b"), v: S("1") }); // changes nothing: no record
  await put({ pk: S("a"), v: S("2") });
  await client.send(
    new UpdateItemCommand({ TableName: table, Key: { pk: S("b") }, UpdateExpression: "SET v = :v", ExpressionAttributeValues: { ":v": S("3") } }),
  );
  await client.send(
    new UpdateItemCommand({ TableName: table, Key: { pk: S("u") }, UpdateExpression: "SET v = :v", ExpressionAttributeValues: { ":v": S("4") } }),
  );
  await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: S("b") } }));
  await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: S("b") } })); // already gone: no record
  await assert.rejects(
    client.send(new PutItemCommand({ TableName: table, Item: { pk: S("a"), v: S("x") }, ConditionExpression: "attribute_not_exists(pk)" })),
    { name: "ConditionalCheckFailedException" },
  );
  await client.send(
    new BatchWriteItemCommand({
      RequestItems: {
        [table]: [
          { PutRequest: { Item: { pk: S("c"), v: S("5") } } },
          { PutRequest: { Item: { pk: S("d"), v: S("6") } } },
          { DeleteRequest: { Key: { pk: S("a") } } },
        ],
      },
    }),
  );
  await client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: table, Item: { pk: S("t1"), v: S("7") } } },
        { Update: { TableName: table, Key: { pk: S("c") }, UpdateExpression: "SET v = :v", ExpressionAttributeValues: { ":v": S("8") } } },
        { Delete: { TableName: table, Key: { pk: S("d") } } },
      ],
    }),
  );
  await assert.rejects(
    client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: S("never"), v: N("0") } } },
          { ConditionCheck: { TableName: table, Key: { pk: S("missing") }, ConditionExpression: "attribute_exists(pk)" } },
        ],
      }),
    ),
    { name: "TransactionCanceledException" },
  );

  const records = await readStream(streams, table);
  const lines = records.map(describeRecord);
  assert.deepEqual(lines, EXPECTED_CHANGES);
  const seqs = records.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
  for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!, "sequence numbers strictly increase");
  assert.equal(new Set(records.map((r) => r.eventID)).size, records.length, "eventIDs are unique");
  for (const r of records) {
    assert.equal(r.eventVersion, "1.1");
    assert.equal(r.eventSource, "aws:dynamodb");
    assert.equal(r.dynamodb!.StreamViewType, "NEW_AND_OLD_IMAGES");
    assert.ok(r.dynamodb!.ApproximateCreationDateTime instanceof Date);
    assert.ok((r.dynamodb!.SizeBytes ?? 0) > 0);
  }
  return lines;
}
