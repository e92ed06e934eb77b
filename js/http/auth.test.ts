/**
 * Authentication configuration, per-key permissions and the HTTP layer's order of checks with an
 * authorizer (413, 404, SerializationException and unknown targets before authentication; nothing
 * reaches the target until the request is authorized).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { signedRequest, type SignInput } from "../../tests/support/sigv4.js";
import type { OperationTarget } from "../engine/types.js";
import { accessDenied, createAuthorizer, parseAuthConfig, permits, type AuthEnv } from "./auth.js";
import { MAX_REQUEST_BYTES, handleDynamoDBHttp } from "./dynamodb-http.js";
import { isDynamoDBOperation, isReadOperation, tableNameOf, tablesInRequest } from "./operations.js";

const KEYS = JSON.stringify({
  AKIDFULL: "full-secret",
  AKIDREAD: { secret: "read-secret", permissions: { "*": "read" } },
  AKIDMIX: { secret: "mix-secret", permissions: { "*": "read-write", Orders: "read", Secret: "none" } },
});

const calls: Array<[string, string]> = [];
const echo: OperationTarget = {
  handle(op, body) {
    calls.push([op, typeof body === "string" ? body : new TextDecoder().decode(body)]);
    return { status: 200, body: "{}" };
  },
};

async function send(env: AuthEnv, input: Partial<SignInput> & { op: string; body: string }) {
  calls.length = 0;
  const request = await signedRequest({ url: "http://127.0.0.1:8000/", accessKeyId: "AKIDFULL", secretAccessKey: "full-secret", ...input });
  const res = await handleDynamoDBHttp(request, echo, { authorize: createAuthorizer(parseAuthConfig(env)) });
  const text = await res.text();
  return { status: res.status, body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>), reached: calls.length > 0 };
}

const REQUIRED: AuthEnv = { DYNAMODB_AUTH: "required", DYNAMODB_ACCESS_KEYS: KEYS };

describe("auth configuration", () => {
  test("modes: required by default and for unknown values", () => {
    assert.equal(parseAuthConfig({}).mode, "required");
    assert.equal(parseAuthConfig({ DYNAMODB_AUTH: "any-signature" }).mode, "any-signature");
    assert.equal(parseAuthConfig({ DYNAMODB_AUTH: "off" }).mode, "off");
    const bad = parseAuthConfig({ DYNAMODB_AUTH: "Off" });
    assert.equal(bad.mode, "required");
    assert.equal(bad.problems.length, 1);
  });

  test("keys: a secret string, or a secret with permissions", () => {
    const { keys, problems } = parseAuthConfig(REQUIRED);
    assert.deepEqual(problems, []);
    assert.equal(keys.get("AKIDFULL")?.permissions, null);
    assert.equal(keys.get("AKIDREAD")?.permissions?.get("*"), "read");
    const all = parseAuthConfig({ DYNAMODB_ACCESS_KEYS: '{"K":{"secret":"s","permissions":{"*":"read-write"}}}' });
    assert.equal(all.keys.get("K")?.permissions, null);
  });

  test("a configuration that does not parse leaves no key (fail closed)", () => {
    for (const raw of ["{", "[]", '{"K":""}', '{"K":{"secret":"s","permissions":{"T":"write"}}}', '{"K":{"secret":"s","perms":{}}}', '{"K":5}']) {
      const c = parseAuthConfig({ DYNAMODB_ACCESS_KEYS: raw });
      assert.equal(c.keys.size, 0, raw);
      assert.equal(c.problems.length, 1, raw);
    }
  });

  test("permissions: the table's entry wins over *, reads need read, the rest read-write", () => {
    const p = parseAuthConfig(REQUIRED).keys.get("AKIDMIX")!.permissions;
    assert.equal(permits(p, "PutItem", "Other"), true);
    assert.equal(permits(p, "PutItem", "Orders"), false);
    assert.equal(permits(p, "GetItem", "Orders"), true);
    assert.equal(permits(p, "GetItem", "Secret"), false);
    assert.equal(permits(new Map([["Orders", "read"]]), "ListTables", "*"), false);
    assert.equal(permits(null, "DeleteTable", "x"), true);
  });

  test("operations and the tables a request names", () => {
    assert.equal(isDynamoDBOperation("TransactGetItems"), true);
    assert.equal(isDynamoDBOperation("FlyToTheMoon"), false);
    assert.equal(isReadOperation("Query"), true);
    assert.equal(isReadOperation("UpdateItem"), false);
    assert.deepEqual(tablesInRequest({ TableName: "A" }), ["A"]);
    assert.deepEqual(tablesInRequest({ RequestItems: { A: {}, B: {} } }), ["A", "B"]);
    assert.deepEqual(
      tablesInRequest({ TransactItems: [{ Put: { TableName: "A" } }, { ConditionCheck: { TableName: "C" } }, { Get: { TableName: "A" } }] }),
      ["A", "C"],
    );
    assert.deepEqual(tablesInRequest({ ResourceArn: "arn:aws:dynamodb:ddblocal:000000000000:table/T" }), ["T"]);
    assert.equal(tableNameOf("arn:aws:dynamodb:us-east-1:123:table/Orders/index/byDate"), "Orders");
    assert.deepEqual(tablesInRequest({}), []);
  });

  test("AccessDeniedException's wording", () => {
    const r = accessDenied("AKID", "PutItem", "Orders");
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.body), {
      __type: "com.amazon.coral.service#AccessDeniedException",
      Message:
        "User: arn:aws:iam::000000000000:user/AKID is not authorized to perform: dynamodb:PutItem on resource: " +
        "arn:aws:dynamodb:ddblocal:000000000000:table/Orders because no identity-based policy allows the dynamodb:PutItem action",
    });
  });
});

describe("authorization in the HTTP layer", () => {
  const put = '{"TableName":"Orders","Item":{"pk":{"S":"a"}}}';

  test("a key with every permission reaches the target with the body unchanged", async () => {
    const r = await send(REQUIRED, { op: "PutItem", body: put });
    assert.equal(r.status, 200);
    assert.deepEqual(calls, [["PutItem", put]]);
  });

  test("a read-only key may read but not write", async () => {
    const read = { accessKeyId: "AKIDREAD", secretAccessKey: "read-secret" };
    assert.equal((await send(REQUIRED, { ...read, op: "GetItem", body: '{"TableName":"Orders","Key":{}}' })).status, 200);
    const denied = await send(REQUIRED, { ...read, op: "PutItem", body: put });
    assert.equal(denied.status, 400);
    assert.equal(denied.reached, false);
    assert.match(String(denied.body.Message), /user\/AKIDREAD is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:ddblocal:000000000000:table\/Orders /);
    const list = await send(REQUIRED, { ...read, op: "ListTables", body: "{}" });
    assert.equal(list.status, 200);
  });

  test("per-table permissions cover every table of a batch or transaction", async () => {
    const mix = { accessKeyId: "AKIDMIX", secretAccessKey: "mix-secret" };
    const batch = JSON.stringify({ RequestItems: { Other: [], Orders: [] } });
    const denied = await send(REQUIRED, { ...mix, op: "BatchWriteItem", body: batch });
    assert.match(String(denied.body.Message), /dynamodb:BatchWriteItem on resource: .*table\/Orders /);
    const tx = JSON.stringify({ TransactItems: [{ Get: { TableName: "Orders" } }, { Get: { TableName: "Secret" } }] });
    assert.match(String((await send(REQUIRED, { ...mix, op: "TransactGetItems", body: tx })).body.Message), /table\/Secret /);
    assert.equal((await send(REQUIRED, { ...mix, op: "PutItem", body: put.replace("Orders", "Other") })).status, 200);
  });

  test("a restricted key's body is re-encoded, so duplicate members cannot name another table", async () => {
    const mix = { accessKeyId: "AKIDMIX", secretAccessKey: "mix-secret" };
    const sneaky = '{"TableName":"Orders","TableName":"Other","Item":{"pk":{"S":"a"}}}';
    const r = await send(REQUIRED, { ...mix, op: "PutItem", body: sneaky });
    assert.equal(r.status, 200);
    assert.deepEqual(calls, [["PutItem", '{"TableName":"Other","Item":{"pk":{"S":"a"}}}']]);
    const sneaky2 = '{"TableName":"Other","TableName":"Orders","Item":{"pk":{"S":"a"}}}';
    assert.equal((await send(REQUIRED, { ...mix, op: "PutItem", body: sneaky2 })).status, 400);
  });

  test('"required" with no keys refuses every signed request; nothing reaches the target', async () => {
    const r = await send({ DYNAMODB_AUTH: "required" }, { op: "ListTables", body: "{}" });
    assert.equal(r.status, 400);
    assert.equal(r.reached, false);
    assert.deepEqual(r.body, {
      __type: "com.amazon.coral.service#UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
  });

  test('"any-signature" accepts any key and secret; "off" accepts unsigned requests', async () => {
    const any = await send({ DYNAMODB_AUTH: "any-signature" }, { op: "ListTables", body: "{}", accessKeyId: "x", secretAccessKey: "y" });
    assert.equal(any.status, 200);
    calls.length = 0;
    const unsigned = new Request("http://127.0.0.1/", {
      method: "POST",
      headers: { "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.0" },
      body: "{}",
    });
    const off = await handleDynamoDBHttp(unsigned.clone(), echo, { authorize: createAuthorizer(parseAuthConfig({ DYNAMODB_AUTH: "off" })) });
    assert.equal(off.status, 200);
    const anySig = await handleDynamoDBHttp(unsigned, echo, { authorize: createAuthorizer(parseAuthConfig({ DYNAMODB_AUTH: "any-signature" })) });
    assert.equal(((await anySig.json()) as { __type: string }).__type, "com.amazon.coral.service#MissingAuthenticationTokenException");
  });

  test("protocol errors come before authentication, as in DynamoDB", async () => {
    const authorize = createAuthorizer(parseAuthConfig({ DYNAMODB_AUTH: "required" }));
    const post = (headers: Record<string, string>, body: string) =>
      handleDynamoDBHttp(new Request("http://127.0.0.1/", { method: "POST", headers: { "Content-Type": "application/x-amz-json-1.0", ...headers }, body }), echo, { authorize });
    calls.length = 0;
    assert.deepEqual(await (await post({ "X-Amz-Target": "DynamoDB_20120810.ListTables" }, "hi")).json(), {
      __type: "com.amazon.coral.service#SerializationException",
    });
    assert.deepEqual(await (await post({ "X-Amz-Target": "DynamoDB_20120810.FlyToTheMoon" }, "{}")).json(), {
      __type: "com.amazon.coral.service#UnknownOperationException",
    });
    assert.deepEqual(await (await post({}, "")).json(), { __type: "com.amazon.coral.service#UnknownOperationException" });
    const missing = (await (await post({ "X-Amz-Target": "DynamoDB_20120810.ListTables" }, "{}")).json()) as Record<string, string>;
    assert.equal(missing.__type, "com.amazon.coral.service#MissingAuthenticationTokenException");
    assert.equal(missing.message, "Request is missing Authentication Token");
    assert.deepEqual(calls, []);
  });
});

describe("request size limit", () => {
  test("a body over 16 MB is refused with 413 and an empty body; exactly 16 MB is not", async () => {
    const big = (n: number) =>
      new Request("http://127.0.0.1/", {
        method: "POST",
        headers: { "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.0" },
        body: new Uint8Array(n).fill(0x20),
      });
    calls.length = 0;
    const over = await handleDynamoDBHttp(big(MAX_REQUEST_BYTES + 1), echo);
    assert.equal(over.status, 413);
    assert.equal(await over.text(), "");
    const exact = await handleDynamoDBHttp(big(MAX_REQUEST_BYTES), echo);
    assert.notEqual(exact.status, 413);
    await exact.arrayBuffer();
  });

  test("a streamed body (no Content-Length) is cut off past 16 MB", async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 64 * 1024 * 1024) return controller.close(); // never reached: the reader stops at 16 MB
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    });
    const request = new Request("http://127.0.0.1/", {
      method: "POST",
      headers: { "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.0" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await handleDynamoDBHttp(request, echo);
    assert.equal(res.status, 413);
    assert.ok(sent <= 18 * 1024 * 1024, `read ${sent} bytes`);
  });
});
