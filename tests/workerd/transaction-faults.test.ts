/**
 * Fault injection for multi-write requests in workerd: for TransactWriteItems, BatchWriteItem,
 * PutItem and UpdateItem on tables with a GSI, and for writes to a table with a stream (whose
 * change log must roll back with the item), a host is made to throw right after the k-th
 * write (put or delete) of the request, for every k from 1 to the number of writes the request
 * makes, at each of two layers: the host the engine calls while it runs (a failure midway through
 * the request: its held-back writes must be dropped), and the storage its writes are applied to
 * when it commits (the transaction around the commit must roll back the writes before k). A
 * request that makes one write applies it as one SQL statement, atomic by itself: not injected. Each time the client must get a 500, the Durable Object's kv table must be
 * byte-for-byte what it was before, and the next request must succeed. Then the request runs
 * without a fault and its whole effect (base tables and index) is checked.
 *
 * The number of writes is measured on a twin database with the same setup (the FaultyHost counts
 * writes whether or not it is armed). Requests go through the Worker's HTTP route: DO RPC errors
 * are mangled by Miniflare.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { postOp } from "../support/clients.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

type Obj = Record<string, unknown>;
let worker: StartedWorker;

before(async () => {
  worker = await startWorker("harness");
});
after(() => worker.dispose());

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });

async function route(action: string, db: string, query = ""): Promise<Obj> {
  const res = await fetch(new URL(`/__test/${action}/${db}${query}`, worker.url), { method: "POST" });
  assert.equal(res.status, 200, `${action} answered ${res.status}`);
  return (await res.json()) as Obj;
}
const digest = (db: string) => route("kv-digest", db);
type Layer = "engine" | "storage";
const disarm = async (db: string, layer: Layer = "engine") => (await route("disarm-writes", db, `?layer=${layer}`)).writes as number;

async function send(db: string, op: string, body: unknown): Promise<{ status: number; body: Obj }> {
  return postOp(new URL(`/${db}`, worker.url), op, body);
}
async function must(db: string, op: string, body: unknown): Promise<Obj> {
  const r = await send(db, op, body);
  assert.equal(r.status, 200, `${op} answered ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Table with hash key pk (S) and, when gsi, a GSI "byStatus" on status (S) projecting ALL. */
function table(name: string, gsi: boolean): [string, Obj] {
  return [
    "CreateTable",
    {
      TableName: name,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, ...(gsi ? [{ AttributeName: "status", AttributeType: "S" }] : [])],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      ...(gsi
        ? { GlobalSecondaryIndexes: [{ IndexName: "byStatus", KeySchema: [{ AttributeName: "status", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }] }
        : {}),
      BillingMode: "PAY_PER_REQUEST",
    },
  ];
}
const putItem = (t: string, item: Obj): [string, Obj] => ["PutItem", { TableName: t, Item: item }];

async function getItem(db: string, t: string, key: string): Promise<Obj | undefined> {
  return (await must(db, "GetItem", { TableName: t, Key: { pk: S(key) }, ConsistentRead: true })).Item as Obj | undefined;
}
async function byStatus(db: string, t: string, status: string): Promise<string[]> {
  const r = await must(db, "Query", {
    TableName: t,
    IndexName: "byStatus",
    KeyConditionExpression: "#s = :s",
    ExpressionAttributeNames: { "#s": "status" },
    ExpressionAttributeValues: { ":s": S(status) },
  });
  return (r.Items as Obj[]).map((i) => (i.pk as { S: string }).S).sort();
}

interface Scenario {
  name: string;
  setup: Array<[string, Obj]>;
  op: string;
  body: Obj;
  /** A key (table, pk) read after every failure: the next request must succeed and see the old item. */
  probe: [string, string];
  /** At least this many writes (the request must really be multi-write). */
  minWrites: number;
  effect(db: string): Promise<void>;
}

let dbCounter = 0;
async function runScenario(s: Scenario): Promise<void> {
  const id = `faults-${++dbCounter}`;
  const twins = [`${id}-twin`, `${id}-twin2`];
  for (const db of [id, ...twins]) for (const [op, body] of s.setup) await must(db, op, body);

  // How many writes the request makes (the engine's, and those applied when it commits), on two
  // twins: the fewer counted is the request's own (a maintenance alarm that runs meanwhile, e.g.
  // stream retention after the setup's first record, adds its writes to a count).
  let writes = Infinity;
  let applied = Infinity;
  for (const twin of twins) {
    for (const layer of ["engine", "storage"] as const) await disarm(twin, layer);
    await must(twin, s.op, s.body);
    writes = Math.min(writes, await disarm(twin));
    applied = Math.min(applied, await disarm(twin, "storage"));
  }
  assert.ok(writes >= s.minWrites, `${s.name}: expected at least ${s.minWrites} writes, counted ${writes}`);
  assert.ok(applied >= 2, `${s.name}: the commit applies several writes (${applied}), so it runs in a transaction`);

  const before = await digest(id);
  const probeBefore = await getItem(id, ...s.probe);
  for (const [layer, count] of [["engine", writes], ["storage", applied]] as const) {
    for (let k = 1; k <= count; k++) {
      await route("fail-write", id, `?k=${k}&layer=${layer}`);
      const failed = await send(id, s.op, s.body);
      const at = `${layer} write ${k}/${count}`;
      assert.equal(failed.status, 500, `${s.name}: fault at ${at} answered ${failed.status} ${JSON.stringify(failed.body)}`);
      assert.equal(failed.body.__type, "com.amazonaws.dynamodb.v20120810#InternalServerError");
      assert.equal(await disarm(id, layer), k, `${s.name}: the fault fired at ${at}`);
      assert.deepEqual(await digest(id), before, `${s.name}: storage changed after a fault at ${at}`);
      assert.deepEqual(await getItem(id, ...s.probe), probeBefore, `${s.name}: the request after a fault at ${at}`);
    }
  }

  // Without a fault: the same number of writes, and the whole effect.
  for (const layer of ["engine", "storage"] as const) await disarm(id, layer);
  await must(id, s.op, s.body);
  assert.equal(await disarm(id), writes);
  assert.equal(await disarm(id, "storage"), applied);
  assert.notEqual((await digest(id)).sha256, before.sha256);
  await s.effect(id);
}

const ORDERS = "orders"; // with GSI byStatus
const ACCOUNTS = "accounts";

test("TransactWriteItems: a fault at any write leaves storage unchanged", async () => {
  await runScenario({
    name: "TransactWriteItems",
    setup: [
      table(ORDERS, true),
      table(ACCOUNTS, false),
      putItem(ORDERS, { pk: S("o1"), status: S("open"), amount: N("5") }),
      putItem(ORDERS, { pk: S("o2"), status: S("open") }),
      putItem(ACCOUNTS, { pk: S("acc"), balance: N("10") }),
    ],
    op: "TransactWriteItems",
    body: {
      ClientRequestToken: "fault-token",
      TransactItems: [
        { Put: { TableName: ORDERS, Item: { pk: S("o3"), status: S("open") }, ConditionExpression: "attribute_not_exists(pk)" } },
        { Update: { TableName: ORDERS, Key: { pk: S("o1") }, UpdateExpression: "SET #s = :c ADD amount :one", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":c": S("closed"), ":one": N("1") } } },
        { Delete: { TableName: ORDERS, Key: { pk: S("o2") }, ConditionExpression: "attribute_exists(pk)" } },
        { ConditionCheck: { TableName: ACCOUNTS, Key: { pk: S("acc") }, ConditionExpression: "balance >= :min", ExpressionAttributeValues: { ":min": N("5") } } },
      ],
    },
    probe: [ORDERS, "o1"],
    minWrites: 4, // three item writes, their index entries, the token
    async effect(db) {
      assert.deepEqual(await getItem(db, ORDERS, "o1"), { pk: S("o1"), status: S("closed"), amount: N("6") });
      assert.equal(await getItem(db, ORDERS, "o2"), undefined);
      assert.deepEqual(await getItem(db, ORDERS, "o3"), { pk: S("o3"), status: S("open") });
      assert.deepEqual(await byStatus(db, ORDERS, "open"), ["o3"]);
      assert.deepEqual(await byStatus(db, ORDERS, "closed"), ["o1"]);
      // The token was recorded with the transaction: a replay is a no-op.
      const before = await digest(db);
      await must(db, "TransactWriteItems", this.body);
      assert.deepEqual(await digest(db), before);
    },
  });
});

test("BatchWriteItem: a fault at any write leaves storage unchanged", async () => {
  await runScenario({
    name: "BatchWriteItem",
    setup: [
      table(ORDERS, true),
      putItem(ORDERS, { pk: S("keep"), status: S("a") }),
      putItem(ORDERS, { pk: S("move"), status: S("a") }),
      putItem(ORDERS, { pk: S("drop"), status: S("a") }),
    ],
    op: "BatchWriteItem",
    body: {
      RequestItems: {
        [ORDERS]: [
          { PutRequest: { Item: { pk: S("new1"), status: S("b") } } },
          { PutRequest: { Item: { pk: S("move"), status: S("b"), n: N("1") } } },
          { PutRequest: { Item: { pk: S("plain") } } },
          { DeleteRequest: { Key: { pk: S("drop") } } },
          { DeleteRequest: { Key: { pk: S("never") } } },
        ],
      },
    },
    probe: [ORDERS, "move"],
    minWrites: 4,
    async effect(db) {
      assert.deepEqual(await getItem(db, ORDERS, "move"), { pk: S("move"), status: S("b"), n: N("1") });
      assert.deepEqual(await getItem(db, ORDERS, "plain"), { pk: S("plain") });
      assert.equal(await getItem(db, ORDERS, "drop"), undefined);
      assert.deepEqual(await byStatus(db, ORDERS, "a"), ["keep"]);
      assert.deepEqual(await byStatus(db, ORDERS, "b"), ["move", "new1"]);
    },
  });
});

test("PutItem on a table with a GSI: a fault at any write leaves storage unchanged", async () => {
  await runScenario({
    name: "PutItem",
    setup: [table(ORDERS, true), putItem(ORDERS, { pk: S("x"), status: S("old"), v: N("1") })],
    op: "PutItem",
    body: { TableName: ORDERS, Item: { pk: S("x"), status: S("new"), v: N("2") }, ReturnValues: "ALL_OLD" },
    probe: [ORDERS, "x"],
    minWrites: 2, // the item and its index entry (plus removing the old index entry)
    async effect(db) {
      assert.deepEqual(await getItem(db, ORDERS, "x"), { pk: S("x"), status: S("new"), v: N("2") });
      assert.deepEqual(await byStatus(db, ORDERS, "old"), []);
      assert.deepEqual(await byStatus(db, ORDERS, "new"), ["x"]);
    },
  });
});

test("UpdateItem on a table with a GSI: a fault at any write leaves storage unchanged", async () => {
  await runScenario({
    name: "UpdateItem",
    setup: [table(ORDERS, true), putItem(ORDERS, { pk: S("u"), status: S("old"), n: N("1") })],
    op: "UpdateItem",
    body: {
      TableName: ORDERS,
      Key: { pk: S("u") },
      UpdateExpression: "SET #s = :s ADD n :one",
      ConditionExpression: "n = :one",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":s": S("new"), ":one": N("1") },
    },
    probe: [ORDERS, "u"],
    minWrites: 2,
    async effect(db) {
      assert.deepEqual(await getItem(db, ORDERS, "u"), { pk: S("u"), status: S("new"), n: N("2") });
      assert.deepEqual(await byStatus(db, ORDERS, "old"), []);
      assert.deepEqual(await byStatus(db, ORDERS, "new"), ["u"]);
    },
  });
});

/** A DynamoDB Streams operation over HTTP (X-Amz-Target DynamoDBStreams_20120810.<op>). */
async function streamsOp(db: string, op: string, body: unknown): Promise<Obj> {
  const res = await fetch(new URL(`/${db}`, worker.url), {
    method: "POST",
    headers: { "X-Amz-Target": `DynamoDBStreams_20120810.${op}`, "Content-Type": "application/x-amz-json-1.0" },
    body: JSON.stringify(body),
  });
  const parsed = (await res.json()) as Obj;
  assert.equal(res.status, 200, `${op} answered ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

/** "<eventName> <pk>" of every record in the table's stream, oldest first. */
async function streamLines(db: string, t: string): Promise<string[]> {
  const arn = ((await must(db, "DescribeTable", { TableName: t })).Table as Obj).LatestStreamArn as string;
  const desc = (await streamsOp(db, "DescribeStream", { StreamArn: arn })).StreamDescription as Obj;
  const shardId = ((desc.Shards as Obj[])[0] as Obj).ShardId;
  const it = (await streamsOp(db, "GetShardIterator", { StreamArn: arn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" })).ShardIterator;
  const records = (await streamsOp(db, "GetRecords", { ShardIterator: it })).Records as Obj[];
  return records.map((r) => `${r.eventName} ${(((r.dynamodb as Obj).Keys as Obj).pk as { S: string }).S}`);
}

const STREAMED = "streamed"; // with GSI byStatus and a NEW_AND_OLD_IMAGES stream
function streamedTable(): [string, Obj] {
  const [op, body] = table(STREAMED, true);
  return [op, { ...body, StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } }];
}

test("TransactWriteItems on a table with a stream: a fault at any write rolls the change log back too", async () => {
  await runScenario({
    name: "TransactWriteItems (stream)",
    setup: [
      streamedTable(),
      putItem(STREAMED, { pk: S("s1"), status: S("open") }),
      putItem(STREAMED, { pk: S("s2"), status: S("open") }),
    ],
    op: "TransactWriteItems",
    body: {
      TransactItems: [
        { Put: { TableName: STREAMED, Item: { pk: S("s3"), status: S("open") } } },
        { Update: { TableName: STREAMED, Key: { pk: S("s1") }, UpdateExpression: "SET #s = :c", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":c": S("closed") } } },
        { Delete: { TableName: STREAMED, Key: { pk: S("s2") } } },
      ],
    },
    probe: [STREAMED, "s1"],
    minWrites: 9, // three items, their index entries, three records and the sequence counter
    async effect(db) {
      assert.deepEqual(await streamLines(db, STREAMED), ["INSERT s1", "INSERT s2", "INSERT s3", "MODIFY s1", "REMOVE s2"]);
      assert.deepEqual(await byStatus(db, STREAMED, "open"), ["s3"]);
    },
  });
});

test("PutItem and BatchWriteItem on a table with a stream: a fault at any write rolls the change log back too", async () => {
  await runScenario({
    name: "PutItem (stream)",
    setup: [streamedTable(), putItem(STREAMED, { pk: S("x"), status: S("old") })],
    op: "PutItem",
    body: { TableName: STREAMED, Item: { pk: S("x"), status: S("new") } },
    probe: [STREAMED, "x"],
    minWrites: 5, // the item, index entry out and in, the record, the sequence counter
    async effect(db) {
      assert.deepEqual(await streamLines(db, STREAMED), ["INSERT x", "MODIFY x"]);
    },
  });
  await runScenario({
    name: "BatchWriteItem (stream)",
    setup: [streamedTable(), putItem(STREAMED, { pk: S("gone"), status: S("a") })],
    op: "BatchWriteItem",
    body: {
      RequestItems: {
        [STREAMED]: [{ PutRequest: { Item: { pk: S("b1"), status: S("b") } } }, { DeleteRequest: { Key: { pk: S("gone") } } }],
      },
    },
    probe: [STREAMED, "gone"],
    minWrites: 6,
    async effect(db) {
      assert.deepEqual(await streamLines(db, STREAMED), ["INSERT gone", "INSERT b1", "REMOVE gone"]);
    },
  });
});
