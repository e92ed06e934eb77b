/**
 * The in-process request handler's own edge cases. (The shared SDK scenario through it runs in
 * tests/scenarios/node.test.ts, door sdk-client.)
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { InProcessRequestHandler, createInProcessClient } from "./request-handler.js";

describe("InProcessRequestHandler", () => {
  test("passes the operation and body to the target and answers bytes", async () => {
    const calls: Array<[string, string | Uint8Array]> = [];
    const handler = new InProcessRequestHandler({
      handle: (op, body) => {
        calls.push([op, body]);
        return { status: 200, body: '{"TableNames":["x"]}' };
      },
    });
    const { response } = await handler.handle({
      headers: { "X-Amz-Target": "DynamoDB_20120810.ListTables" },
      body: "{}",
    });
    assert.deepEqual(calls, [["ListTables", "{}"]]);
    assert.equal(response.statusCode, 200);
    assert.ok(response.body instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(response.body), '{"TableNames":["x"]}');
    assert.match(response.headers["x-amzn-requestid"]!, /^[A-Z0-9]{52}$/);
  });

  test("an unknown target never reaches the target", async () => {
    const handler = new InProcessRequestHandler({ handle: () => assert.fail("called") });
    const { response } = await handler.handle({ headers: { "x-amz-target": "Other.ListTables" }, body: "{}" });
    assert.equal(response.statusCode, 400);
    assert.match(new TextDecoder().decode(response.body), /UnknownOperationException/);
  });

  test("a configured client sends through the handler with overrides applied", async () => {
    let seen = "";
    const client = createInProcessClient(
      { handle: (op) => ((seen = op), { status: 200, body: '{"TableNames":[]}' }) },
      { region: "eu-west-1" },
    );
    const out = await client.send(new ListTablesCommand({}));
    assert.deepEqual(out.TableNames, []);
    assert.equal(seen, "ListTables");
    assert.equal(await client.config.region(), "eu-west-1");
  });
});
