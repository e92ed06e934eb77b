/**
 * Tables declared in code, inside workerd: each step restarts Miniflare on the same persisted
 * storage with a changed declaration (the TABLES binding of declared-tables-worker.ts), as a deploy
 * would, and checks the first request's view of the table: created; a global index added (backfilled
 * by the alarm) and removed; Time to Live and the stream changed; a table no longer declared kept;
 * a key-schema conflict refused with a clear error (and the data left alone); no write at all on a
 * cold start with an unchanged declaration. withDynamoDB(Base, { tables }) creates its tables too.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { startWorker, type StartedWorker } from "./miniflare.js";

const DURABLE_OBJECTS = {
  DECLARED: { className: "DeclaredDatabase", useSQLite: true },
  AGENT: { className: "DeclaredAgent", useSQLite: true },
} as const;

const KEYS = {
  TableName: "Notes", BillingMode: "PAY_PER_REQUEST",
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
};
const PK_SK = [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }];
const index = (name: string, attribute: string) =>
  ({ IndexName: name, KeySchema: [{ AttributeName: attribute, KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } });
const stringAttribute = (name: string) => ({ AttributeName: name, AttributeType: "S" });

/** Notes with these global indexes (name -> key attribute), Time to Live attribute and stream view type. */
function notes(indexes: Record<string, string>, ttl: string, stream: string) {
  return {
    ...KEYS,
    AttributeDefinitions: [...PK_SK, ...Object.values(indexes).map(stringAttribute)],
    ...(Object.keys(indexes).length > 0 ? { GlobalSecondaryIndexes: Object.entries(indexes).map(([n, a]) => index(n, a)) } : {}),
    TimeToLiveAttribute: ttl,
    StreamSpecification: { StreamEnabled: true, StreamViewType: stream },
  };
}

const dir = mkdtempSync(join(tmpdir(), "do-dynamodb-declared-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the Worker on the persisted storage with these declarations; the caller disposes it. */
function deploy(tables: unknown[]): Promise<StartedWorker> {
  return startWorker("declared-tables", { persistTo: dir, durableObjects: DURABLE_OBJECTS, bindings: { TABLES: JSON.stringify(tables) } });
}

async function call(worker: StartedWorker, path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(new URL(path, worker.url), { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
  return res.json();
}

/** Runs a DynamoDB operation in the declared database; its parsed answer (throws on an error answer). */
async function send(worker: StartedWorker, op: string, body: unknown): Promise<any> {
  const answer = await call(worker, `/db/${op}`, body);
  assert.ok(!answer.error, `${op}: ${answer.error}`);
  assert.equal(answer.status, 200, `${op}: ${answer.body}`);
  return JSON.parse(answer.body);
}

const describeNotes = async (worker: StartedWorker) => (await send(worker, "DescribeTable", { TableName: "Notes" })).Table;
const indexNames = (table: any) => (table.GlobalSecondaryIndexes ?? []).map((i: any) => `${i.IndexName}:${i.IndexStatus}`).sort();

/** Polls DescribeTable until check(table) holds (the alarm backfills or deletes an index). */
async function until(worker: StartedWorker, check: (table: any) => boolean): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const table = await describeNotes(worker);
    if (check(table)) return table;
    assert.ok(Date.now() < deadline, `gave up waiting: ${JSON.stringify(indexNames(table))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs body against the Worker deployed with these declarations. */
async function withDeploy(tables: unknown[], body: (worker: StartedWorker) => Promise<void>): Promise<void> {
  const worker = await deploy(tables);
  try {
    await body(worker);
  } finally {
    await worker.dispose();
  }
}

const V1 = notes({ byTag: "tag" }, "expiresAt", "NEW_IMAGE");

describe("tables declared in a DynamoDBDurableObject subclass, across deploys", { concurrency: false, timeout: 120_000 }, () => {
  test("a missing table is created before the first request, with its index, TTL and stream", () => withDeploy([V1], async (worker) => {
    await send(worker, "PutItem", { TableName: "Notes", Item: { pk: { S: "a" }, sk: { N: "1" }, tag: { S: "x" }, owner: { S: "ada" }, color: { S: "blue" } } });
    assert.ok(Number(await (await fetch(new URL("/db/declaration-writes", worker.url))).json()) > 0, "creating wrote");
    const table = await describeNotes(worker);
    assert.deepEqual(indexNames(table), ["byTag:ACTIVE"]);
    assert.equal(table.StreamSpecification.StreamViewType, "NEW_IMAGE");
    const ttl = await send(worker, "DescribeTimeToLive", { TableName: "Notes" });
    assert.deepEqual(ttl.TimeToLiveDescription, { TimeToLiveStatus: "ENABLED", AttributeName: "expiresAt" });
    await send(worker, "CreateTable", { ...KEYS, TableName: "Scratch", AttributeDefinitions: PK_SK }); // never declared
  }));

  test("an unchanged declaration: no write at all on a cold start", () => withDeploy([V1], async (worker) => {
    const got = await send(worker, "GetItem", { TableName: "Notes", Key: { pk: { S: "a" }, sk: { N: "1" } } });
    assert.equal(got.Item.tag.S, "x");
    assert.equal(await (await fetch(new URL("/db/declaration-writes", worker.url))).json(), 0);
  }));

  test("two global indexes added to the declaration are created online, one after the other, and backfilled", () =>
    withDeploy([notes({ byTag: "tag", byOwner: "owner", byColor: "color" }, "expiresAt", "NEW_IMAGE")], async (worker) => {
      const first = indexNames(await describeNotes(worker));
      assert.ok(first.includes("byOwner:CREATING") || first.includes("byOwner:ACTIVE"), first.join());
      assert.ok(!first.some((i: string) => i.startsWith("byColor")) || first.includes("byOwner:ACTIVE"), "one index change at a time");
      await until(worker, (t) => indexNames(t).join() === "byColor:ACTIVE,byOwner:ACTIVE,byTag:ACTIVE");
      for (const [index, attribute, value] of [["byOwner", "owner", "ada"], ["byColor", "color", "blue"]]) {
        const query = await send(worker, "Query", { TableName: "Notes", IndexName: index, KeyConditionExpression: "#a = :v",
          ExpressionAttributeNames: { "#a": attribute }, ExpressionAttributeValues: { ":v": { S: value } } });
        assert.equal(query.Count, 1, `${index}: the item written before the index existed is in it`);
      }
    }));

  test("two global indexes removed from the declaration are deleted, one after the other", () =>
    withDeploy([notes({ byOwner: "owner" }, "expiresAt", "NEW_IMAGE")], async (worker) => {
      await until(worker, (t) => indexNames(t).join() === "byOwner:ACTIVE");
    }));

  test("a changed Time to Live attribute", () => withDeploy([notes({ byOwner: "owner" }, "validUntil", "NEW_IMAGE")], async (worker) => {
    const ttl = await send(worker, "DescribeTimeToLive", { TableName: "Notes" });
    assert.deepEqual(ttl.TimeToLiveDescription, { TimeToLiveStatus: "ENABLED", AttributeName: "validUntil" });
  }));

  test("a changed stream view type: a new stream", () => withDeploy([notes({ byOwner: "owner" }, "validUntil", "KEYS_ONLY")], async (worker) => {
    const table = await describeNotes(worker);
    assert.equal(table.StreamSpecification.StreamViewType, "KEYS_ONLY");
    const streams = await send(worker, "DynamoDBStreams.ListStreams", { TableName: "Notes" });
    assert.equal(streams.Streams.length, 2, "the old stream stays readable, the new one is the latest");
  }));

  test("a table no longer declared is kept, with its items", () => withDeploy([notes({ byOwner: "owner" }, "validUntil", "KEYS_ONLY")], async (worker) => {
    const tables = await send(worker, "ListTables", {});
    assert.deepEqual(tables.TableNames, ["Notes", "Scratch"]);
  }));

  test("a declaration whose key schema differs from the stored table's is a clear error; the data is left alone", async () => {
    const conflicting = { ...notes({}, "validUntil", "KEYS_ONLY"), KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }], AttributeDefinitions: [PK_SK[0]] };
    await withDeploy([conflicting], async (worker) => {
      const answer = await call(worker, "/db/GetItem", { TableName: "Notes", Key: { pk: { S: "a" }, sk: { N: "1" } } });
      assert.match(answer.error, /table Notes: KeySchema is pk HASH, sk RANGE in the stored table, pk HASH in the declaration/);
      assert.match(answer.error, /key schema, key attribute types and local secondary indexes are fixed when it is created/);
    });
    await withDeploy([notes({ byOwner: "owner" }, "validUntil", "KEYS_ONLY")], async (worker) => {
      const got = await send(worker, "GetItem", { TableName: "Notes", Key: { pk: { S: "a" }, sk: { N: "1" } } });
      assert.equal(got.Item.owner.S, "ada");
      assert.deepEqual(indexNames(await describeNotes(worker)), ["byOwner:ACTIVE"], "nothing changed by the refused declaration");
    });
  });
});

test("withDynamoDB(Base, { tables }) creates its declared tables before the first request", () => withDeploy([], async (worker) => {
  assert.deepEqual(await call(worker, "/agent/note", "hello"), { user: "ada", at: 1, text: "hello" });
}));
