/**
 * DynamoDB Streams in workerd (the harness Worker, Miniflare):
 * - the real @aws-sdk/client-dynamodb-streams over HTTP, and in process inside a Durable Object,
 *   reads every change of a mixed workload exactly once and in order (tests/scenarios/streams-cases.ts);
 * - engine.subscribe delivers the records of committed requests only, in commit order, the same
 *   records GetRecords returns, and nothing for a request whose transaction rolled back;
 * - items with a past TTL are removed by the alarm, and the removals appear in the stream as
 *   service deletions (userIdentity dynamodb.amazonaws.com).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateTableCommand, PutItemCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { EXPECTED_CHANGES, describeRecord, readStream, runStreamsScenario } from "../scenarios/streams-cases.js";
import { httpClient, postOp } from "../support/clients.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

let worker: StartedWorker;
before(async () => {
  worker = await startWorker("harness");
});
after(() => worker.dispose());

function streamsClient(endpoint: URL): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    endpoint: String(endpoint),
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
    maxAttempts: 1,
  });
}

async function testRoute(action: string, db: string, query = ""): Promise<unknown> {
  const res = await fetch(new URL(`/__test/${action}/${db}${query}`, worker.url), { method: "POST" });
  assert.equal(res.status, 200, `${action} answered ${res.status}`);
  return res.json();
}

test("client-dynamodb-streams over HTTP reads every change once, in order", { timeout: 60_000 }, async () => {
  const endpoint = new URL("/streams-http", worker.url);
  const lines = await runStreamsScenario(httpClient(endpoint), streamsClient(endpoint), "events");
  assert.deepEqual(lines, EXPECTED_CHANGES);
});

test("client-dynamodb-streams in process inside the Durable Object", { timeout: 60_000 }, async () => {
  assert.deepEqual(await testRoute("streams-sdk", "streams-do", "?prefix=events"), EXPECTED_CHANGES);
});

test("subscribe delivers committed records only, the ones GetRecords returns", { timeout: 60_000 }, async () => {
  const db = "streams-subscribe";
  const endpoint = new URL(`/${db}`, worker.url);
  const client: DynamoDBClient = httpClient(endpoint);
  await client.send(
    new CreateTableCommand({
      TableName: "subs",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" },
    }),
  );
  await client.send(new PutItemCommand({ TableName: "subs", Item: { pk: { S: "a" } } }));
  // This PutItem fails after its writes (the host throws): rolled back, so nothing is delivered.
  await testRoute("fail-next-put", db);
  const failed = await postOp(endpoint, "PutItem", { TableName: "subs", Item: { pk: { S: "rolled-back" } } });
  assert.equal(failed.status, 500);
  await client.send(new PutItemCommand({ TableName: "subs", Item: { pk: { S: "b" }, n: { N: "1" } } }));
  await client.send(new PutItemCommand({ TableName: "subs", Item: { pk: { S: "b" }, n: { N: "2" } } }));
  const delivered = (await testRoute("delivered", db)) as Array<[string, string, string, boolean]>;
  assert.deepEqual(
    delivered.map(([op, name]) => `${op} ${name}`),
    ["PutItem INSERT", "PutItem INSERT", "PutItem MODIFY"],
  );
  const records = await readStream(streamsClient(endpoint), "subs");
  assert.deepEqual(records.map(describeRecord), ["INSERT a", "INSERT b", "MODIFY b"]);
  assert.deepEqual(
    delivered.map(([, , seq]) => seq),
    records.map((r) => r.dynamodb!.SequenceNumber),
  );
});

test("Time to Live deletions by the alarm appear in the stream as service deletions", { timeout: 60_000 }, async () => {
  const db = "streams-ttl";
  const endpoint = new URL(`/${db}`, worker.url);
  const client = httpClient(endpoint);
  await client.send(
    new CreateTableCommand({
      TableName: "sessions",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
  const now = Math.floor(Date.now() / 1000);
  const put = (pk: string, exp: number) =>
    client.send(new PutItemCommand({ TableName: "sessions", Item: { pk: { S: pk }, v: { S: pk }, exp: { N: String(exp) } } }));
  await put("old1", now - 60);
  await put("old2", now - 3600);
  await put("fresh", now + 3600);
  await client.send(new UpdateTimeToLiveCommand({ TableName: "sessions", TimeToLiveSpecification: { Enabled: true, AttributeName: "exp" } }));
  const streams = streamsClient(endpoint);
  const deadline = Date.now() + 30_000;
  let lines: string[] = [];
  while (lines.filter((l) => l.startsWith("REMOVE")).length < 2) {
    assert.ok(Date.now() < deadline, `the alarm did not sweep: ${JSON.stringify(lines)}`);
    await new Promise((r) => setTimeout(r, 100));
    lines = (await readStream(streams, "sessions", 100)).map(describeRecord);
  }
  assert.deepEqual(lines, [
    "INSERT old1 new=old1",
    "INSERT old2 new=old2",
    "INSERT fresh new=fresh",
    // The sweep runs in key order.
    "REMOVE old1 old=old1 by=Service:dynamodb.amazonaws.com",
    "REMOVE old2 old=old2 by=Service:dynamodb.amazonaws.com",
  ]);
  const delivered = (await testRoute("delivered", db)) as Array<[string, string, string, boolean]>;
  assert.deepEqual(
    delivered.filter(([, , , ttl]) => ttl).map(([op, name]) => `${op} ${name}`),
    ["@Maintain REMOVE", "@Maintain REMOVE"],
  );
});
