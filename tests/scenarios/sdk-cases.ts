/**
 * One SDK conformance scenario, run through every door that hosts clients (tests/support/doors.ts):
 * the real @aws-sdk/client-dynamodb and lib-dynamodb clients against the engine in Node (in-process
 * handler), against a Worker over HTTP (Miniflare), inside a Durable Object and in a Worker over DO
 * RPC (in-process handler, bundled into the test worker); and our DynamoDBClient and
 * DynamoDBDocumentClient in Node, sent the same SDK command objects.
 * Each case creates the tables it needs under its own prefix, so cases are independent and may share
 * a database. Expectations are DynamoDB's real behaviour. Uses node:assert (nodejs_compat in workerd).
 */
import assert from "node:assert/strict";
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  ConditionalCheckFailedException,
  ResourceInUseException,
  ResourceNotFoundException,
  type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

export interface SdkContext {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /** Unique per run, so cases sharing a database do not collide. */
  prefix: string;
}

export interface SdkCase {
  name: string;
  run(ctx: SdkContext): Promise<void>;
}

/** A context on client; doc defaults to lib-dynamodb's DocumentClient over it. */
export function makeContext(
  client: DynamoDBClient,
  prefix: string,
  doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
): SdkContext {
  return { client, doc, prefix };
}

/** Creates a pay-per-request table keyed by pk (S), plus sk (N) when withSort. */
export async function createTable(client: DynamoDBClient, name: string, withSort = false) {
  return client.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        ...(withSort ? [{ AttributeName: "sk", KeyType: "RANGE" as const }] : []),
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        ...(withSort ? [{ AttributeName: "sk", AttributeType: "N" as const }] : []),
      ],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
}

type ErrorClass = new (...args: never[]) => Error;

/**
 * Asserts that promise rejects with the SDK exception type: a modelled class (instanceof and name),
 * or for errors the SDK does not model (ValidationException) a name, as a DynamoDBServiceException.
 */
export async function expectError(promise: Promise<unknown>, type: ErrorClass | string, message?: RegExp) {
  const [cls, name]: [ErrorClass, string] = typeof type === "string" ? [DynamoDBServiceException, type] : [type, type.name];
  const err = await promise.then(
    () => assert.fail(`expected ${name}, got success`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof cls, `expected ${name}, got ${String((err as Error)?.name)}: ${String((err as Error)?.message)}`);
  assert.equal((err as Error).name, name);
  assert.equal((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 400);
  if (message) assert.match((err as Error).message, message);
}

const ALL_TYPES: Record<string, AttributeValue> = {
  pk: { S: "all-types" },
  s: { S: "héllo wörld ✓" },
  n: { N: "-123.45" },
  b: { B: new Uint8Array([0, 1, 2, 254, 255]) },
  t: { BOOL: true },
  f: { BOOL: false },
  nul: { NULL: true },
  m: { M: { inner: { S: "x" }, deep: { M: { n: { N: "7" } } } } },
  l: { L: [{ S: "a" }, { N: "1" }, { L: [] }, { M: {} }] },
  ss: { SS: ["a", "b", "c"] },
  ns: { NS: ["1", "2.5", "-3"] },
  bs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
};

/** Sets come back in an unspecified order: sort them before comparing. */
function normalize(item: Record<string, AttributeValue> | undefined): unknown {
  const norm = (v: AttributeValue): unknown => {
    if (v.SS) return { SS: [...v.SS].sort() };
    if (v.NS) return { NS: [...v.NS].map(Number).sort((a, b) => a - b) };
    if (v.BS) return { BS: v.BS.map((b) => Array.from(b)).sort() };
    if (v.B) return { B: Array.from(v.B) };
    if (v.M) return { M: normalize(v.M) };
    if (v.L) return { L: v.L.map(norm) };
    return v;
  };
  if (!item) return item;
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, norm(v)]));
}

export const SDK_CASES: SdkCase[] = [
  {
    name: "CreateTable, DescribeTable and DeleteTable",
    async run({ client, prefix }) {
      const name = `${prefix}-lifecycle`;
      const created = await createTable(client, name, true);
      const desc = created.TableDescription!;
      assert.equal(desc.TableName, name);
      assert.deepEqual(desc.KeySchema, [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ]);
      assert.equal(desc.BillingModeSummary?.BillingMode, "PAY_PER_REQUEST");
      const described = (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;
      assert.equal(described.TableName, name);
      assert.equal(described.TableStatus, "ACTIVE");
      assert.equal(described.ItemCount, 0);
      assert.ok(described.TableArn?.endsWith(`:table/${name}`));
      assert.ok(described.CreationDateTime instanceof Date);
      const deleted = await client.send(new DeleteTableCommand({ TableName: name }));
      assert.equal(deleted.TableDescription?.TableName, name);
      await expectError(client.send(new DescribeTableCommand({ TableName: name })), ResourceNotFoundException);
    },
  },
  {
    name: "PutItem, GetItem and DeleteItem with the low-level client",
    async run({ client, prefix }) {
      const name = `${prefix}-items`;
      await createTable(client, name, true);
      const key = { pk: { S: "user#1" }, sk: { N: "10" } };
      await client.send(new PutItemCommand({ TableName: name, Item: { ...key, name: { S: "Ada" } } }));
      const got = await client.send(new GetItemCommand({ TableName: name, Key: key, ConsistentRead: true }));
      assert.deepEqual(got.Item, { ...key, name: { S: "Ada" } });
      const other = await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: "user#1" }, sk: { N: "11" } } }));
      assert.equal(other.Item, undefined);
      await client.send(new PutItemCommand({ TableName: name, Item: { ...key, name: { S: "Grace" } } }));
      const replaced = await client.send(new GetItemCommand({ TableName: name, Key: key }));
      assert.deepEqual(replaced.Item, { ...key, name: { S: "Grace" } });
      await client.send(new DeleteItemCommand({ TableName: name, Key: key }));
      assert.equal((await client.send(new GetItemCommand({ TableName: name, Key: key }))).Item, undefined);
      await client.send(new DeleteItemCommand({ TableName: name, Key: key })); // absent: still succeeds
    },
  },
  {
    name: "all ten attribute types round-trip",
    async run({ client, prefix }) {
      const name = `${prefix}-types`;
      await createTable(client, name);
      await client.send(new PutItemCommand({ TableName: name, Item: ALL_TYPES }));
      const got = await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: "all-types" } } }));
      assert.deepEqual(normalize(got.Item), normalize(ALL_TYPES));
    },
  },
  {
    name: "DocumentClient put, get and delete native values",
    async run({ client, doc, prefix }) {
      const name = `${prefix}-doc`;
      await createTable(client, name);
      const item = {
        pk: "doc#1",
        count: 42,
        price: 19.99,
        tags: new Set(["x", "y"]),
        nested: { list: [1, "two", { three: 3 }], flag: false, nothing: null },
        bytes: new Uint8Array([9, 8, 7]),
      };
      await doc.send(new PutCommand({ TableName: name, Item: item }));
      const got = await doc.send(new GetCommand({ TableName: name, Key: { pk: "doc#1" } }));
      assert.equal(got.Item?.count, 42);
      assert.equal(got.Item?.price, 19.99);
      assert.deepEqual([...(got.Item?.tags as Set<string>)].sort(), ["x", "y"]);
      assert.deepEqual(got.Item?.nested, item.nested);
      assert.deepEqual(Array.from(got.Item?.bytes as Uint8Array), [9, 8, 7]);
      await doc.send(new DeleteCommand({ TableName: name, Key: { pk: "doc#1" } }));
      assert.equal((await doc.send(new GetCommand({ TableName: name, Key: { pk: "doc#1" } }))).Item, undefined);
    },
  },
  {
    name: "ListTables pages with Limit and ExclusiveStartTableName",
    async run({ client, prefix }) {
      const names = ["a", "b", "c"].map((s) => `${prefix}-list-${s}`);
      for (const n of names) await createTable(client, n);
      const all: string[] = [];
      let start: string | undefined;
      do {
        const page = await client.send(new ListTablesCommand({ Limit: 2, ExclusiveStartTableName: start }));
        assert.ok(page.TableNames!.length <= 2);
        all.push(...page.TableNames!);
        start = page.LastEvaluatedTableName;
        if (start !== undefined) assert.equal(start, page.TableNames!.at(-1));
      } while (start !== undefined);
      assert.deepEqual(all, [...all].sort());
      for (const n of names) assert.ok(all.includes(n), `${n} listed`);
      const after = await client.send(new ListTablesCommand({ ExclusiveStartTableName: names[0], Limit: 1 }));
      assert.deepEqual(after.TableNames, [names[1]]);
      assert.equal(after.LastEvaluatedTableName, names[1]);
    },
  },
  {
    name: "a missing table is ResourceNotFoundException",
    async run({ client, prefix }) {
      const name = `${prefix}-missing`;
      await expectError(client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: "x" } } })), ResourceNotFoundException);
      await expectError(client.send(new DescribeTableCommand({ TableName: name })), ResourceNotFoundException);
      await expectError(client.send(new DeleteTableCommand({ TableName: name })), ResourceNotFoundException);
    },
  },
  {
    name: "a duplicate table is ResourceInUseException",
    async run({ client, prefix }) {
      const name = `${prefix}-dup`;
      await createTable(client, name);
      await expectError(createTable(client, name), ResourceInUseException);
    },
  },
  {
    name: "an item missing its key is ValidationException",
    async run({ client, prefix }) {
      const name = `${prefix}-nokey`;
      await createTable(client, name);
      await expectError(
        client.send(new PutItemCommand({ TableName: name, Item: { other: { S: "x" } } })),
        "ValidationException",
        /Missing the key pk in the item/,
      );
    },
  },
  {
    name: "a failed condition is ConditionalCheckFailedException, with the old item when asked",
    async run({ client, prefix }) {
      const name = `${prefix}-cond`;
      await createTable(client, name);
      const item = { pk: { S: "c" }, v: { N: "1" } };
      await client.send(new PutItemCommand({ TableName: name, Item: item, ConditionExpression: "attribute_not_exists(pk)" }));
      const err = await client
        .send(
          new PutItemCommand({
            TableName: name,
            Item: { pk: { S: "c" }, v: { N: "2" } },
            ConditionExpression: "attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          }),
        )
        .then(() => assert.fail("expected ConditionalCheckFailedException"), (e: unknown) => e);
      assert.ok(err instanceof ConditionalCheckFailedException, String(err));
      assert.equal(err.name, "ConditionalCheckFailedException");
      assert.match(err.message, /The conditional request failed/);
      assert.deepEqual(err.Item, item);
      const got = await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: "c" } } }));
      assert.deepEqual(got.Item, item);
    },
  },
  {
    name: "DocumentClient UpdateItem SET and ADD with ReturnValues",
    async run({ client, doc, prefix }) {
      const name = `${prefix}-update`;
      await createTable(client, name);
      const first = await doc.send(
        new UpdateCommand({
          TableName: name,
          Key: { pk: "u" },
          UpdateExpression: "SET #n = :n, tags = :t ADD hits :one",
          ExpressionAttributeNames: { "#n": "name" },
          ExpressionAttributeValues: { ":n": "Ada", ":t": ["x"], ":one": 1 },
          ReturnValues: "ALL_NEW",
        }),
      );
      assert.deepEqual(first.Attributes, { pk: "u", name: "Ada", tags: ["x"], hits: 1 });
      const second = await doc.send(
        new UpdateCommand({
          TableName: name,
          Key: { pk: "u" },
          UpdateExpression: "SET hits = hits + :n REMOVE tags",
          ExpressionAttributeValues: { ":n": 41 },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      assert.deepEqual(second.Attributes, { hits: 42 });
    },
  },
];

export interface CaseResult {
  name: string;
  ok: boolean;
  error?: string;
}

/** Runs every case, collecting results instead of throwing (for runs inside workerd). */
export async function runAllCases(ctx: SdkContext): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of SDK_CASES) {
    try {
      await c.run(ctx);
      results.push({ name: c.name, ok: true });
    } catch (e) {
      results.push({ name: c.name, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
  return results;
}
