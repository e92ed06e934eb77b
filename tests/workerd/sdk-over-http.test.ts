/**
 * The production Worker under Miniflare, driven over HTTP by the real AWS SDK v3 (the shared SDK
 * scenario, through the registry's http door: tests/support/doors.ts) and by raw protocol requests:
 * headers, database selection by path, health answer. The scenario also runs through a second
 * Worker whose tables are spread over 4 shards (DYNAMODB_SHARDS=4).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { crc32 } from "../../js/http/crc32.js";
import { createTable } from "../scenarios/sdk-cases.js";
import { scenarioSuite } from "../scenarios/run.js";
import { httpClient, postOp } from "../support/clients.js";
import { workerdDoors } from "../support/doors.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

let worker: StartedWorker;
let sharded: StartedWorker;
before(async () => {
  [worker, sharded] = await Promise.all([startWorker("worker"), startWorker("worker", { bindings: { DYNAMODB_SHARDS: "4" } })]);
});
after(() => Promise.all([worker.dispose(), sharded.dispose()]));

for (const door of workerdDoors(async () => worker.url)) if (door.hostsClients) scenarioSuite(door);
// The same scenario through the production Worker with DYNAMODB_SHARDS=4: every table over 4 shards.
for (const door of workerdDoors(async () => sharded.url))
  if (door.hostsClients) scenarioSuite({ ...door, name: `${door.name}-4-shards`, summary: `${door.summary}; DYNAMODB_SHARDS=4` });

describe("DynamoDB HTTP protocol (Miniflare)", () => {
  test("responses carry DynamoDB's headers and a correct CRC-32", async () => {
    const res = await fetch(worker.url, {
      method: "POST",
      headers: { "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.1" },
      body: "{}",
    });
    assert.equal(res.headers.get("content-type"), "application/x-amz-json-1.0");
    assert.match(res.headers.get("x-amzn-requestid") ?? "", /^[A-Z0-9]{52}$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(res.headers.get("x-amz-crc32"), String(crc32(bytes)));
  });

  test("an unknown target prefix is UnknownOperationException", async () => {
    const res = await fetch(worker.url, {
      method: "POST",
      headers: { "X-Amz-Target": "Foo.ListTables", "Content-Type": "application/x-amz-json-1.0" },
      body: "{}",
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { __type: "com.amazon.coral.service#UnknownOperationException" });
  });

  test("an unknown operation is UnknownOperationException", async () => {
    const r = await postOp(worker.url, "FlyToTheMoon", {});
    assert.equal(r.status, 400);
    assert.match(String(r.body.__type), /#UnknownOperationException$/);
  });

  test("GET is a health answer", async () => {
    const res = await fetch(worker.url);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "do-dynamodb: ok\n");
  });

  test("each path is its own database", async () => {
    const one = httpClient(new URL("/db-one", worker.url));
    const two = httpClient(new URL("/db-two", worker.url));
    await createTable(one, "only-in-one");
    const inOne = await one.send(new ListTablesCommand({}));
    const inTwo = await two.send(new ListTablesCommand({}));
    assert.ok(inOne.TableNames?.includes("only-in-one"));
    assert.ok(!inTwo.TableNames?.includes("only-in-one"));
  });

  test("a path that is not a database is 404", async () => {
    const res = await fetch(new URL("/a/b", worker.url), { method: "POST", body: "{}" });
    assert.equal(res.status, 404);
    await res.arrayBuffer();
  });
});
