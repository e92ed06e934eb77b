/** The HTTP protocol layer with a fake target: routing by target, content types, headers, errors. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { OperationTarget } from "../engine/types.js";
import { crc32 } from "./crc32.js";
import { handleDynamoDBHttp } from "./dynamodb-http.js";

const calls: Array<[string, string]> = [];
const echo: OperationTarget = {
  handle(op, body) {
    calls.push([op, typeof body === "string" ? body : new TextDecoder().decode(body)]);
    return { status: 200, body: '{"ok":"é"}' };
  },
};

function post(headers: Record<string, string>, body = "{}"): Request {
  return new Request("http://localhost/", { method: "POST", headers, body });
}

const TARGET = { "X-Amz-Target": "DynamoDB_20120810.ListTables" };

describe("handleDynamoDBHttp", () => {
  test("passes op and body to the target and answers with DynamoDB's headers", async () => {
    calls.length = 0;
    const res = await handleDynamoDBHttp(post({ ...TARGET, "Content-Type": "application/x-amz-json-1.0" }, '{"Limit":1}'), echo);
    assert.deepEqual(calls, [["ListTables", '{"Limit":1}']]);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/x-amz-json-1.0");
    assert.match(res.headers.get("x-amzn-requestid")!, /^[A-Z0-9]{52}$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(res.headers.get("x-amz-crc32"), String(crc32(bytes)));
    assert.equal(new TextDecoder().decode(bytes), '{"ok":"é"}');
  });

  for (const type of ["application/x-amz-json-1.1", "application/x-amz-json-1.0; charset=utf-8", "Application/X-Amz-Json-1.0"]) {
    test(`accepts Content-Type ${type}`, async () => {
      const res = await handleDynamoDBHttp(post({ ...TARGET, "Content-Type": type }), echo);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/x-amz-json-1.0");
    });
  }

  test("application/json is answered in application/json", async () => {
    const res = await handleDynamoDBHttp(post({ ...TARGET, "Content-Type": "application/json" }), echo);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json");
  });

  test("a missing or foreign target reaches the target as the empty operation", async () => {
    // The engine answers it: SerializationException for a body that is not JSON, else
    // UnknownOperationException (DynamoDB checks the body first; dynalite test/connection.js).
    for (const target of [undefined, "DynamoDB_20111205.ListTables", "DynamoDB_20120810.", "ListTables"]) {
      calls.length = 0;
      const headers: Record<string, string> = { "Content-Type": "application/x-amz-json-1.0" };
      if (target) headers["X-Amz-Target"] = target;
      await handleDynamoDBHttp(post(headers), echo);
      assert.deepEqual(calls, [["", "{}"]]);
    }
  });

  test("a missing target with an empty body is UnknownOperationException", async () => {
    const res = await handleDynamoDBHttp(post({ "Content-Type": "application/x-amz-json-1.0" }, ""), echo);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { __type: "com.amazon.coral.service#UnknownOperationException" });
  });

  test("another content type or method is DynamoDB's 404", async () => {
    const res = await handleDynamoDBHttp(post({ ...TARGET, "Content-Type": "text/plain" }), echo);
    assert.equal(res.status, 404);
    assert.equal(await res.text(), "<UnknownOperationException/>\n");
    const put = await handleDynamoDBHttp(new Request("http://localhost/", { method: "PUT", body: "{}" }), echo);
    assert.equal(put.status, 404);
  });

  test("an empty body is SerializationException", async () => {
    const res = await handleDynamoDBHttp(post({ ...TARGET, "Content-Type": "application/x-amz-json-1.0" }, ""), echo);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /SerializationException/);
  });

  test("a throwing target is a 500 InternalServerError", async () => {
    const boom: OperationTarget = { handle: () => { throw new Error("trap"); } };
    const original = console.error;
    console.error = () => {};
    try {
      const res = await handleDynamoDBHttp(post({ ...TARGET, "Content-Type": "application/x-amz-json-1.0" }), boom);
      assert.equal(res.status, 500);
      assert.match(await res.text(), /InternalServerError/);
    } finally {
      console.error = original;
    }
  });

  test("DescribeEndpoints names the host the request reached", async () => {
    const endpoints: OperationTarget = {
      handle: () => ({ status: 200, body: '{"Endpoints":[{"Address":"engine","CachePeriodInMinutes":1440}]}' }),
    };
    const req = new Request("http://127.0.0.1:8000/", {
      method: "POST",
      headers: { "X-Amz-Target": "DynamoDB_20120810.DescribeEndpoints", "Content-Type": "application/x-amz-json-1.0" },
      body: "{}",
    });
    const res = await handleDynamoDBHttp(req, endpoints);
    assert.deepEqual(await res.json(), { Endpoints: [{ Address: "127.0.0.1:8000", CachePeriodInMinutes: 1440 }] });
  });

  test("GET is a plain 200 health answer", async () => {
    const res = await handleDynamoDBHttp(new Request("http://localhost/"), echo);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "do-dynamodb: ok\n");
  });
});
