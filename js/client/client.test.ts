/**
 * DynamoDBClient against the real SDK: one scenario of low-level commands run through this client
 * and through @aws-sdk/client-dynamodb (in-process handler), each on a fresh engine, must give equal
 * outputs and equal errors (name, message, $fault, status, extra fields); SDK- and lib-dynamodb-built
 * commands through this client (lib-dynamodb's once DynamoDBDocumentClient.from wraps it; do-dynamodb/lib's
 * on a bare client too); a command per engine operation; namespace routing.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Sdk from "@aws-sdk/client-dynamodb";
import * as SdkLib from "@aws-sdk/lib-dynamodb";
import * as StreamsSdk from "@aws-sdk/client-dynamodb-streams";
import { createInProcessStreamsClient } from "../sdk/streams-client.js";
import { ENGINE_OPERATIONS } from "../engine/operations.js";
import * as OursLib from "../lib/index.js";
import { createNodeEngine } from "../node.js";
import { createInProcessClient } from "../sdk/request-handler.js";
import * as Ours from "../index.js";

const TABLE = "Things";
const bytes = (...b: number[]) => new Uint8Array(b);

/** A scenario step: an operation and its input (run through both clients). */
const STEPS: Array<[Ours.OperationName, object]> = [
  ["CreateTable", {
    TableName: TABLE, BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  }],
  ["CreateTable", { TableName: TABLE, BillingMode: "PAY_PER_REQUEST", AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] }],
  ["PutItem", { TableName: TABLE, Item: { pk: { S: "a" }, sk: { N: "1" }, b: { B: bytes(1, 2, 255) }, bs: { BS: [bytes(3), Buffer.from([4, 5])] }, m: { M: { x: { L: [{ S: "y" }, { NULL: true }] } } } } }],
  ["PutItem", { TableName: TABLE, Item: { pk: { S: "a" }, sk: { N: "2" }, n: { N: "12345678901234567890.5" } }, ReturnConsumedCapacity: "TOTAL" }],
  ["GetItem", { TableName: TABLE, Key: { pk: { S: "a" }, sk: { N: "1" } } }],
  ["GetItem", { TableName: TABLE, Key: { pk: { S: "zz" }, sk: { N: "1" } } }],
  ["PutItem", { TableName: TABLE, Item: { pk: { S: "a" }, sk: { N: "1" } }, ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" }],
  ["UpdateItem", { TableName: TABLE, Key: { pk: { S: "a" }, sk: { N: "2" } }, UpdateExpression: "ADD n :one SET t = :t", ExpressionAttributeValues: { ":one": { N: "1" }, ":t": { B: bytes(9) } }, ReturnValues: "ALL_NEW" }],
  ["Query", { TableName: TABLE, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": { S: "a" } }, Limit: 1 }],
  ["Scan", { TableName: TABLE }],
  ["TransactWriteItems", { TransactItems: [
    { Put: { TableName: TABLE, Item: { pk: { S: "a" }, sk: { N: "1" } }, ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" } },
    { Put: { TableName: TABLE, Item: { pk: { S: "c" }, sk: { N: "1" } } } },
  ] }],
  ["TransactGetItems", { TransactItems: [{ Get: { TableName: TABLE, Key: { pk: { S: "a" }, sk: { N: "1" } } } }] }],
  ["BatchWriteItem", { RequestItems: { [TABLE]: [{ PutRequest: { Item: { pk: { S: "b" }, sk: { N: "1" }, bin: { B: bytes() } } } }] } }],
  ["BatchGetItem", { RequestItems: { [TABLE]: { Keys: [{ pk: { S: "b" }, sk: { N: "1" } }] } } }],
  ["GetItem", { TableName: "Missing", Key: { pk: { S: "a" } } }],
  ["GetItem", { TableName: "X", Key: { pk: { S: "a" } } }],
  ["UpdateTimeToLive", { TableName: TABLE, TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true } }],
  ["DescribeTimeToLive", { TableName: TABLE }],
  ["DescribeTable", { TableName: TABLE }],
  ["ListTables", {}],
  ["DescribeLimits", {}],
  ["DeleteItem", { TableName: TABLE, Key: { pk: { S: "a" }, sk: { N: "1" } }, ReturnValues: "ALL_OLD" }],
  ["DeleteTable", { TableName: TABLE }],
];

/** What must agree: outputs without request ids; errors by their SDK-visible fields. */
async function outcome(run: () => Promise<any>): Promise<unknown> {
  try {
    const out = await run();
    const { $metadata, ...rest } = out;
    return { ok: scrub(rest), status: $metadata.httpStatusCode, attempts: $metadata.attempts };
  } catch (e: any) {
    const { $metadata, $response, $retryable, stack, ...fields } = Object.assign({}, e);
    return { name: e.name, message: e.message, fault: e.$fault, status: $metadata?.httpStatusCode, fields: scrub(fields) };
  }
}

/** Times differ between two engines; everything else must not. */
function scrub(value: any): any {
  return JSON.parse(JSON.stringify(value, (k, v) => (k.endsWith("DateTime") || k === "TableArn" || k === "TableId" ? typeof v : v)));
}

/** actual restricted to the object keys expected has, recursively. */
function onlyKeysOf(actual: any, expected: any): any {
  if (typeof actual !== "object" || actual === null || typeof expected !== "object" || expected === null) return actual;
  if (Array.isArray(actual)) return actual.map((v, i) => onlyKeysOf(v, expected[i]));
  return Object.fromEntries(Object.keys(expected).filter((k) => k in actual).map((k) => [k, onlyKeysOf(actual[k], expected[k])]));
}

describe("DynamoDBClient", () => {
  test("one command per operation the engine implements (js/engine/operations.ts)", () => {
    const names = [...Ours.OPERATIONS, ...Ours.STREAMS_OPERATIONS.map((op) => `DynamoDBStreams.${op}`)];
    assert.deepEqual(names.sort(), [...ENGINE_OPERATIONS].sort());
    assert.deepEqual(Object.keys(Ours.COMMANDS).sort(), [...Ours.OPERATIONS, ...Ours.STREAMS_OPERATIONS].sort());
    for (const op of [...Ours.OPERATIONS, ...Ours.STREAMS_OPERATIONS]) {
      const streams = (Ours.STREAMS_OPERATIONS as readonly string[]).includes(op);
      assert.equal(new Ours.COMMANDS[op]({} as never).operation, streams ? `DynamoDBStreams.${op}` : op);
      assert.equal(Ours.COMMANDS[op].name, `${op}Command`);
    }
  });

  test("every step gives what @aws-sdk/client-dynamodb gives", async () => {
    const ours = new Ours.DynamoDBClient({ target: createNodeEngine() });
    const sdk = createInProcessClient(createNodeEngine());
    for (const [op, input] of STEPS) {
      const a = await outcome(() => ours.send(new Ours.COMMANDS[op](structuredClone(input) as never)));
      const SdkCommand = (Sdk as any)[`${op}Command`];
      const b = await outcome(() => sdk.send(new SdkCommand(structuredClone(input))));
      // Members this engine answers that the installed SDK does not model yet are dropped by it.
      assert.deepEqual(onlyKeysOf(a, b), b, `${op} ${JSON.stringify(input).slice(0, 120)}`);
    }
  });

  test("the Streams commands give what @aws-sdk/client-dynamodb-streams gives", async () => {
    /** One side: a table with a stream, three changes, then the Streams API read to the end. */
    const run = async (send: (op: string, input: object) => Promise<any>) => {
      const out: unknown[] = [];
      const step = async (op: string, input: object) => {
        const r = await outcome(() => send(op, input));
        out.push(r);
        return (r as { ok?: any }).ok;
      };
      await step("CreateTable", { ...(STEPS[1]![1] as object), StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } });
      await step("PutItem", { TableName: TABLE, Item: { pk: { S: "a" }, b: { B: bytes(1, 2) } } });
      await step("UpdateItem", { TableName: TABLE, Key: { pk: { S: "a" } }, UpdateExpression: "SET n = :n", ExpressionAttributeValues: { ":n": { N: "1" } } });
      await step("DeleteItem", { TableName: TABLE, Key: { pk: { S: "a" } } });
      const streams = await step("ListStreams", { TableName: TABLE });
      const arn = (await send("ListStreams", { TableName: TABLE })).Streams[0].StreamArn;
      const described = await send("DescribeStream", { StreamArn: arn });
      await step("DescribeStream", { StreamArn: arn });
      const shardId = described.StreamDescription.Shards[0].ShardId;
      const it = await send("GetShardIterator", { StreamArn: arn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });
      const records = await send("GetRecords", { ShardIterator: it.ShardIterator });
      out.push(scrub(records.Records), records.Records[0].dynamodb.NewImage.b.B instanceof Uint8Array, records.Records[0].dynamodb.ApproximateCreationDateTime instanceof Date);
      await step("GetRecords", { ShardIterator: "not-an-iterator" });
      void streams;
      return out;
    };
    const volatile = /Arn$|Label$|^SequenceNumber$|^(Starting|Ending)SequenceNumber$|^eventID$|^ShardId$|^ShardIterator$|^NextShardIterator$/;
    const clean = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x) => (volatile.test(k) ? typeof x : x)));
    const ours = new Ours.DynamoDBClient({ target: createNodeEngine() });
    const oursOut = await run((op, input) => ours.send(new Ours.COMMANDS[op as Ours.OperationName](structuredClone(input) as never) as any));
    const engine = createNodeEngine();
    const sdk = createInProcessClient(engine);
    const streams = createInProcessStreamsClient(engine);
    const sdkOut = await run((op, input) => {
      const Cmd = (StreamsSdk as any)[`${op}Command`] && (Ours.STREAMS_OPERATIONS as readonly string[]).includes(op) ? (StreamsSdk as any)[`${op}Command`] : (Sdk as any)[`${op}Command`];
      const client: { send(command: unknown): Promise<any> } = (Ours.STREAMS_OPERATIONS as readonly string[]).includes(op) ? (streams as any) : (sdk as any);
      return client.send(new Cmd(structuredClone(input)));
    });
    assert.deepEqual(clean(onlyKeysOf(oursOut, sdkOut)), clean(sdkOut));
    // The Streams SDK's own command objects run through this client too.
    const viaSdkCommand = await ours.send(new StreamsSdk.ListStreamsCommand({ TableName: TABLE }));
    assert.equal(viaSdkCommand.Streams?.length, 1);
  });

  test("output values have the SDK's JavaScript types (Uint8Array, Date) and $metadata", async () => {
    const client = new Ours.DynamoDBClient({ target: createNodeEngine() });
    const created = await client.send(new Ours.CreateTableCommand(STEPS[1]![1] as Sdk.CreateTableCommandInput));
    assert.ok(created.TableDescription?.CreationDateTime instanceof Date);
    assert.equal(created.$metadata.httpStatusCode, 200);
    assert.match(created.$metadata.requestId!, /^[A-Z0-9]{52}$/);
    await client.send(new Ours.PutItemCommand({ TableName: TABLE, Item: { pk: { S: "k" }, b: { B: Buffer.from("hi") }, bs: { BS: [bytes(1)] } } }));
    const { Item } = await client.send(new Ours.GetItemCommand({ TableName: TABLE, Key: { pk: { S: "k" } } }));
    assert.deepEqual(Item, { pk: { S: "k" }, b: { B: new TextEncoder().encode("hi") }, bs: { BS: [bytes(1)] } });
  });

  test("errors are the SDK's classes by name, both ways of instanceof", async () => {
    const client = new Ours.DynamoDBClient({ target: createNodeEngine() });
    await client.send(new Ours.CreateTableCommand(STEPS[1]![1] as Sdk.CreateTableCommandInput));
    await client.send(new Ours.PutItemCommand({ TableName: TABLE, Item: { pk: { S: "k" } } }));
    const err = await client
      .send(new Ours.PutItemCommand({ TableName: TABLE, Item: { pk: { S: "k" } }, ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" }))
      .catch((e: unknown) => e);
    assert.ok(err instanceof Ours.ConditionalCheckFailedException);
    assert.ok(err instanceof Ours.DynamoDBServiceException);
    assert.ok(err instanceof Error);
    assert.ok(err instanceof Sdk.ConditionalCheckFailedException, "the SDK's instanceof accepts it (shapeId)");
    assert.ok(err instanceof Sdk.DynamoDBServiceException);
    assert.ok(!(err instanceof Ours.TransactionCanceledException));
    assert.ok(!(err instanceof Sdk.TransactionCanceledException));
    assert.deepEqual(err.Item, { pk: { S: "k" } });
    assert.equal(err.$fault, "client");
    assert.equal(err.$metadata.httpStatusCode, 400);

    const sdkErr = await createInProcessClient(createNodeEngine()).send(new Sdk.DescribeTableCommand({ TableName: "Nope" })).catch((e: unknown) => e);
    assert.ok(sdkErr instanceof Ours.ResourceNotFoundException, "ours accepts the SDK's exception of the same name");
    assert.ok(!(sdkErr instanceof Ours.ConditionalCheckFailedException));

    const unknown = await client.send({ operation: "Frobnicate", input: {} } as never).catch((e: any) => e);
    assert.ok(unknown instanceof Ours.DynamoDBServiceException);
    assert.equal(unknown.name, "UnknownOperationException");
  });

  test("send() accepts commands built by @aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb", async () => {
    const client = new Ours.DynamoDBClient({ target: createNodeEngine() });
    await client.send(new Sdk.CreateTableCommand(STEPS[0]![1] as Sdk.CreateTableCommandInput));
    const put = await client.send(new Sdk.PutItemCommand({ TableName: TABLE, Item: { pk: { S: "s" }, sk: { N: "1" } } }));
    assert.equal(put.$metadata.httpStatusCode, 200);
    const item = { pk: "s", sk: 2, set: new Set(["x"]), big: 12345678901234567890n, m: { nothing: undefined } };
    // lib-dynamodb's document commands need the document layer: DynamoDBDocumentClient.from installs its marshalling.
    await assert.rejects(() => client.send(new SdkLib.PutCommand({ TableName: TABLE, Item: item })), /DynamoDBDocumentClient\.from\(client\)/);
    const doc = OursLib.DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    await doc.send(new SdkLib.PutCommand({ TableName: TABLE, Item: item }));
    const q = await client.send(new SdkLib.QueryCommand({ TableName: TABLE, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "s" } }));
    assert.deepEqual(q.Items, [{ pk: "s", sk: 1 }, { pk: "s", sk: 2, set: new Set(["x"]), big: 12345678901234567890n, m: {} }]);
    assert.equal(q.Count, 2);
    await assert.rejects(() => client.send({ input: {} } as never), /needs a DynamoDB command/);
  });

  test("send() runs do-dynamodb/lib's document commands on a client no DynamoDBDocumentClient wraps", async () => {
    // As lib-dynamodb's commands do on the SDK's bare client: default options, or the config's translateConfig.
    const client = new Ours.DynamoDBClient({ target: createNodeEngine() });
    await client.send(new Sdk.CreateTableCommand(STEPS[0]![1] as Sdk.CreateTableCommandInput));
    await client.send(new Sdk.PutItemCommand({ TableName: TABLE, Item: { pk: { S: "s" }, sk: { N: "1" } } }));
    const item = { pk: "s", sk: 2, set: new Set(["x"]), big: 12345678901234567890n, m: { nothing: undefined } };
    await client.send(new OursLib.PutCommand({ TableName: TABLE, Item: item }))
      .then(() => assert.fail("undefined must be refused without removeUndefinedValues"), (e: Error) => assert.match(e.message, /removeUndefinedValues/));
    client.config.translateConfig = { marshallOptions: { removeUndefinedValues: true } }; // read per send, as lib-dynamodb does
    const put = await client.send(new OursLib.PutCommand({ TableName: TABLE, Item: item }));
    assert.equal(put.$metadata.httpStatusCode, 200);
    const q = await client.send(new OursLib.QueryCommand({ TableName: TABLE, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "s" } }));
    assert.deepEqual(q.Items, [{ pk: "s", sk: 1 }, { pk: "s", sk: 2, set: new Set(["x"]), big: 12345678901234567890n, m: {} }]);
    assert.equal(q.Count, 2);
    // The client itself stays bare: lib-dynamodb's commands are still refused.
    await assert.rejects(() => client.send(new SdkLib.GetCommand({ TableName: TABLE, Key: { pk: "s", sk: 1 } })), /DynamoDBDocumentClient\.from\(client\)/);
    // Once wrapped, from()'s translateConfig applies to do-dynamodb/lib's commands too.
    OursLib.DynamoDBDocumentClient.from(client, { unmarshallOptions: { wrapNumbers: true } });
    const got = await client.send(new OursLib.GetCommand({ TableName: TABLE, Key: { pk: "s", sk: 2 } }));
    assert.ok(got.Item?.sk instanceof OursLib.NumberValue);
    assert.equal(String(got.Item!.sk), "2");
    const viaSdkLib = await client.send(new SdkLib.GetCommand({ TableName: TABLE, Key: { pk: "s", sk: 2 } }));
    assert.ok(viaSdkLib.Item?.sk instanceof OursLib.NumberValue);
  });

  test("paginateQuery, paginateScan and paginateListTables follow their tokens with pageSize", async () => {
    const client = new Ours.DynamoDBClient({ target: createNodeEngine() });
    await client.send(new Ours.CreateTableCommand(STEPS[0]![1] as Sdk.CreateTableCommandInput));
    for (let i = 0; i < 7; i++) await client.send(new Ours.PutItemCommand({ TableName: TABLE, Item: { pk: { S: "p" }, sk: { N: String(i) } } }));
    const counts: number[] = [];
    for await (const page of Ours.paginateQuery({ client, pageSize: 3 }, { TableName: TABLE, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": { S: "p" } } })) {
      counts.push(page.Count!);
    }
    assert.deepEqual(counts, [3, 3, 1]);
    let scanned = 0;
    for await (const page of Ours.paginateScan({ client, pageSize: 4 }, { TableName: TABLE })) scanned += page.Items!.length;
    assert.equal(scanned, 7);
    for (const name of ["Aaa", "Bbb", "Ccc"]) await client.send(new Ours.CreateTableCommand({ ...(STEPS[1]![1] as Sdk.CreateTableCommandInput), TableName: name }));
    const names: string[][] = [];
    for await (const page of Ours.paginateListTables({ client, pageSize: 2 }, {})) names.push(page.TableNames!);
    assert.deepEqual(names, [["Aaa", "Bbb"], ["Ccc", TABLE]]);
  });

  test("doNamespace + database routes every request to idFromName(database)", async () => {
    const engines = new Map<string, ReturnType<typeof createNodeEngine>>();
    const ns = {
      idFromName: (name: string) => ({ name }),
      get: (id: { name: string }) => {
        if (!engines.has(id.name)) engines.set(id.name, createNodeEngine());
        const e = engines.get(id.name)!;
        return { handle: async (op: string, body: string) => e.handle(op, body) };
      },
    };
    const orders = new Ours.DynamoDBClient({ doNamespace: ns, database: "orders" });
    await orders.send(new Ours.CreateTableCommand(STEPS[1]![1] as Sdk.CreateTableCommandInput));
    assert.deepEqual([...engines.keys()], ["orders"]);
    const other = new Ours.DynamoDBClient({ doNamespace: ns });
    assert.deepEqual((await other.send(new Ours.ListTablesCommand())).TableNames, []);
    assert.deepEqual([...engines.keys()], ["orders", "default"]);
    assert.throws(() => new Ours.DynamoDBClient({ doNamespace: ns, database: "no/slash" }), /invalid database name/);
    assert.throws(() => new Ours.DynamoDBClient({}), /needs \{ target \}/);
  });
});
