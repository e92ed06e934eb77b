/**
 * Users' code typechecks against the published declarations: a consumer file compiled with
 * moduleResolution NodeNext and no `paths`, so "do-dynamodb" resolves through package.json's
 * exports to dist/js/**.d.ts, as in an installed package. It mixes this package's commands with the
 * SDK's and lib-dynamodb's, reads typed outputs and narrows errors with instanceof; a second file
 * must fail (a wrong input member), so the check is not vacuous.
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const GOOD = `
import { DynamoDBClient, PutItemCommand, GetItemCommand, ConditionalCheckFailedException, TransactionCanceledException, paginateScan, type PutItemCommandOutput } from "do-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, paginateQuery, marshall, unmarshall, NumberValue } from "do-dynamodb/lib";
import { createNodeEngine } from "do-dynamodb/node";
import { PutItemCommand as SdkPutItemCommand } from "@aws-sdk/client-dynamodb";
import { PutCommand as LibPutCommand } from "@aws-sdk/lib-dynamodb";

export async function run(): Promise<string | undefined> {
  const client = new DynamoDBClient({ target: createNodeEngine() });
  const put: PutItemCommandOutput = await client.send(new PutItemCommand({ TableName: "t", Item: { pk: { S: "a" } } }));
  const got = await client.send(new GetItemCommand({ TableName: "t", Key: { pk: { S: "a" } } }));
  const s: string | undefined = got.Item?.pk?.S;
  const status: number | undefined = put.$metadata.httpStatusCode;
  const viaSdk = await client.send(new SdkPutItemCommand({ TableName: "t", Item: { pk: { S: "b" } } }));
  const attrs = viaSdk.Attributes;
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await doc.send(new PutCommand({ TableName: "t", Item: { pk: "a", n: 1, tags: new Set(["x"]) } }));
  await doc.send(new LibPutCommand({ TableName: "t", Item: { pk: "c" } }));
  const { Item } = await doc.send(new GetCommand({ TableName: "t", Key: { pk: "a" } }));
  const n: unknown = Item?.n;
  const q = await doc.send(new QueryCommand({ TableName: "t", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "a" } }));
  const count: number | undefined = q.Count;
  for await (const page of paginateQuery({ client: doc, pageSize: 2 }, { TableName: "t", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "a" } })) void page.Items?.length;
  for await (const page of paginateScan({ client }, { TableName: "t" })) void page.Items;
  try {
    await client.send(new PutItemCommand({ TableName: "t", Item: {}, ConditionExpression: "attribute_not_exists(pk)" }));
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return String(err.Item?.pk?.S) + err.$fault + err.$metadata.requestId;
    if (err instanceof TransactionCanceledException) return err.CancellationReasons?.[0]?.Code;
  }
  const m = marshall({ a: new NumberValue("1") }, { convertTopLevelContainer: false });
  void unmarshall(m, { wrapNumbers: true });
  return [s, status, attrs, n, count].join();
}
`;

const BAD = `
import { DynamoDBClient, PutItemCommand } from "do-dynamodb";
export const p = new DynamoDBClient({ target: { handle: () => ({ status: 200, body: "{}" }) } }).send(new PutItemCommand({ TableName: "t", Itemz: {} }));
`;

function diagnostics(dir: string, source: string): string[] {
  writeFileSync(join(dir, "consumer.ts"), source);
  const program = ts.createProgram([join(dir, "consumer.ts")], {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    strict: true, noEmit: true, skipLibCheck: true, lib: ["lib.es2023.d.ts", "lib.dom.d.ts"], types: ["node"],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

test("a consumer typechecks against the emitted declarations (no paths)", { timeout: 120_000 }, () => {
  const dir = join(ROOT, "dist", "types-consumer");
  mkdirSync(dir, { recursive: true });
  try {
    assert.deepEqual(diagnostics(dir, GOOD), []);
    const bad = diagnostics(dir, BAD);
    assert.ok(bad.some((m) => m.includes("Itemz")), bad.join("\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
