/**
 * DynamoDBDocumentClient against @aws-sdk/lib-dynamodb: the same document-command scenario through
 * this package and through lib-dynamodb's DocumentClient over the real SDK client (in-process
 * handler), each on a fresh engine and with the same translateConfig, must give equal outputs and
 * equal errors; the paginators page alike.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Sdk from "@aws-sdk/client-dynamodb";
import * as SdkLib from "@aws-sdk/lib-dynamodb";
import { CreateTableCommand, DynamoDBClient } from "../index.js";
import { createNodeEngine } from "../node.js";
import { createInProcessClient } from "../sdk/request-handler.js";
import * as Lib from "./index.js";

const T = "Docs";
type Name = Lib.DocumentCommandName;

const STEPS: Array<[Name, object]> = [
  ["Put", { TableName: T, Item: { pk: "u1", sk: 1, tags: new Set(["a", "b"]), nums: new Set([1, 2]), bin: new Uint8Array([1, 2]), nested: { list: [1, "x", null, true, { deep: 1.5 }] }, big: 12345678901234567890n } }],
  ["Put", { TableName: T, Item: { pk: "u1", sk: 2, empty: "", optional: undefined, when: "2026-01-01" }, ReturnValues: "ALL_OLD" }],
  ["Put", { TableName: T, Item: { pk: "u1", sk: 2, v: 2 }, ReturnValues: "ALL_OLD" }],
  ["Get", { TableName: T, Key: { pk: "u1", sk: 1 } }],
  ["Get", { TableName: T, Key: { pk: "u1", sk: 1 }, ProjectionExpression: "nested.list[1], tags" }],
  ["Update", { TableName: T, Key: { pk: "u1", sk: 2 }, UpdateExpression: "SET v = v + :one, l = list_append(if_not_exists(l, :empty), :more) ADD s :s", ExpressionAttributeValues: { ":one": 1, ":empty": [], ":more": ["m"], ":s": new Set([7]) }, ReturnValues: "ALL_NEW" }],
  ["Update", { TableName: T, Key: { pk: "u1", sk: 3 }, AttributeUpdates: { a: { Action: "PUT", Value: { x: 1 } } }, ReturnValues: "UPDATED_NEW" }],
  ["Put", { TableName: T, Item: { pk: "u1", sk: 1 }, ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" }],
  ["Put", { TableName: T, Item: { pk: "u1", sk: 9 }, Expected: { pk: { Exists: false } } }],
  ["Query", { TableName: T, KeyConditionExpression: "pk = :p AND sk > :z", ExpressionAttributeValues: { ":p": "u1", ":z": 0 }, Limit: 2 }],
  ["Query", { TableName: T, KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: ["u1"] } }, QueryFilter: { v: { ComparisonOperator: "GT", AttributeValueList: [0] } } }],
  ["Query", { TableName: T, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "u1" }, ExclusiveStartKey: { pk: "u1", sk: 1 }, ScanIndexForward: false }],
  ["Scan", { TableName: T, FilterExpression: "attribute_exists(tags)" }],
  ["Scan", { TableName: T, ScanFilter: { v: { ComparisonOperator: "EQ", AttributeValueList: [3] } } }],
  ["BatchWrite", { RequestItems: { [T]: [{ PutRequest: { Item: { pk: "u2", sk: 1, m: new Map([["k", 1]]) } } }, { DeleteRequest: { Key: { pk: "u1", sk: 9 } } }] } }],
  ["BatchGet", { RequestItems: { [T]: { Keys: [{ pk: "u2", sk: 1 }, { pk: "u1", sk: 1 }, { pk: "none", sk: 0 }], ProjectionExpression: "pk, sk, m" } } }],
  ["TransactWrite", { TransactItems: [
    { ConditionCheck: { TableName: T, Key: { pk: "u2", sk: 1 }, ConditionExpression: "m.k = :one", ExpressionAttributeValues: { ":one": 1 } } },
    { Put: { TableName: T, Item: { pk: "u3", sk: 1 }, ConditionExpression: "attribute_not_exists(pk)" } },
    { Update: { TableName: T, Key: { pk: "u2", sk: 1 }, UpdateExpression: "SET c = :c", ExpressionAttributeValues: { ":c": "yes" } } },
    { Delete: { TableName: T, Key: { pk: "u1", sk: 3 }, ConditionExpression: "a.x = :x", ExpressionAttributeValues: { ":x": 1 } } },
  ] }],
  ["TransactWrite", { TransactItems: [
    { Put: { TableName: T, Item: { pk: "u3", sk: 1, again: true }, ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" } },
    { Update: { TableName: T, Key: { pk: "u2", sk: 1 }, UpdateExpression: "SET c = :c", ExpressionAttributeValues: { ":c": "no" } } },
  ] }],
  ["TransactGet", { TransactItems: [{ Get: { TableName: T, Key: { pk: "u2", sk: 1 } } }, { Get: { TableName: T, Key: { pk: "zz", sk: 1 } } }] }],
  ["Delete", { TableName: T, Key: { pk: "u2", sk: 1 }, ReturnValues: "ALL_OLD" }],
  ["Delete", { TableName: T, Key: { pk: "u2", sk: 1 }, ConditionExpression: "attribute_exists(pk)" }],
  ["Get", { TableName: "Missing", Key: { pk: "x", sk: 1 } }],
  ["Put", { TableName: T, Item: { pk: "u9", sk: 1, bad: new Set() } }],
  ["Put", { TableName: T, Item: { pk: "u9", sk: 1, n: 2 ** 60 } }],
];

const TRANSLATE_CONFIGS: SdkLib.TranslateConfig[] = [
  {},
  { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: true } },
  { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true, allowImpreciseNumbers: true }, unmarshallOptions: { wrapNumbers: true } },
];

const CREATE = {
  TableName: T, BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
} as const;

async function outcome(run: () => Promise<any>): Promise<unknown> {
  try {
    const { $metadata, ...rest } = await run();
    return { ok: normalise(rest), status: $metadata.httpStatusCode };
  } catch (e: any) {
    const { $metadata, $response, $retryable, stack, ...fields } = Object.assign({}, e);
    return { name: e.name, message: e.message, fault: e.$fault, fields: normalise(fields) };
  }
}

function normalise(v: any): any {
  if (v?.constructor?.name === "NumberValue") return { NumberValue: String(v) };
  if (v instanceof Set) return { Set: [...v].map(normalise) };
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object" && !ArrayBuffer.isView(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

describe("DynamoDBDocumentClient", () => {
  for (const [i, translateConfig] of TRANSLATE_CONFIGS.entries()) {
    test(`every document command gives what @aws-sdk/lib-dynamodb gives (translateConfig #${i})`, async () => {
      const base = new DynamoDBClient({ target: createNodeEngine() });
      const ours = Lib.DynamoDBDocumentClient.from(base, structuredClone(translateConfig));
      const sdk = SdkLib.DynamoDBDocumentClient.from(createInProcessClient(createNodeEngine()), structuredClone(translateConfig));
      await base.send(new CreateTableCommand(structuredClone(CREATE) as never));
      await sdk.send(new Sdk.CreateTableCommand(structuredClone(CREATE) as never));
      for (const [name, input] of STEPS) {
        const a = await outcome(() => ours.send(new Lib.DOCUMENT_COMMANDS[name](clone(input) as never) as any));
        const b = await outcome(() => sdk.send(new (SdkLib as any)[`${name}Command`](clone(input))));
        assert.deepEqual(a, b, `${name} ${String(JSON.stringify(input, (_, v) => (typeof v === "bigint" ? `${v}n` : v))).slice(0, 160)}`);
      }
    });
  }

  test("paginateQuery / paginateScan page as lib-dynamodb's", async () => {
    const ours = Lib.DynamoDBDocumentClient.from(new DynamoDBClient({ target: createNodeEngine() }));
    const sdk = SdkLib.DynamoDBDocumentClient.from(createInProcessClient(createNodeEngine()));
    for (const client of [ours, sdk] as any[]) {
      await client.send(new Sdk.CreateTableCommand(structuredClone(CREATE) as never)); // an SDK command, through both
      for (let sk = 0; sk < 10; sk++) await client.send(new SdkLib.PutCommand({ TableName: T, Item: { pk: "p", sk, odd: sk % 2 === 1 } }));
    }
    const pages = async (paginate: any, client: unknown, input: object, pageSize: number) => {
      const out: unknown[] = [];
      for await (const page of paginate({ client, pageSize }, structuredClone(input))) out.push(normalise({ ...page, $metadata: undefined }));
      return out;
    };
    const query = { TableName: T, KeyConditionExpression: "pk = :p", FilterExpression: "odd = :t", ExpressionAttributeValues: { ":p": "p", ":t": true } };
    assert.deepEqual(await pages(Lib.paginateQuery, ours, query, 3), await pages(SdkLib.paginateQuery, sdk, query, 3));
    assert.deepEqual(await pages(Lib.paginateScan, ours, { TableName: T }, 4), await pages(SdkLib.paginateScan, sdk, { TableName: T }, 4));
    assert.equal((await pages(Lib.paginateScan, ours, { TableName: T }, 4)).length, 3);
    await assert.rejects(() => pages(Lib.paginateScan, {}, { TableName: T }, 4), /Invalid client, expected instance of DynamoDBDocumentClient/);
  });
});

/** A fresh copy of a step's input (structuredClone keeps Map, Set, bigint and bytes). */
const clone = <T>(v: T): T => structuredClone(v);
