/**
 * Transactions over items on several Durable Objects (js/shard/shard-transact.ts, docs/SCALING.md),
 * through the Worker's HTTP door in workerd: the same answers as one object gives (success,
 * cancellation reasons in order, request errors, capacity), ClientRequestToken, serializability
 * under 50 concurrent clients moving money while auditors read every account at once, and faults
 * injected at every phase of the two-phase commit (a router route whose calls of a phase throw):
 * after recovery by the objects' alarms, the whole transaction or none of it, and no item locked.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { postOp } from "../support/clients.js";
import { seededRandom } from "../support/random.js";
import { type StartedWorker, startWorker } from "./miniflare.js";

type Json = Record<string, any>;
const post = (url: URL, op: string, body: unknown) => postOp(url, op, body) as Promise<{ status: number; body: Json }>;
const ACCOUNTS = 100;
const table = (name: string, shards?: number) => ({
  TableName: name, BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  ...(shards ? { Tags: [{ Key: "do-dynamodb:shards", Value: String(shards) }] } : {}),
});
const key = (pk: string) => ({ pk: { S: pk } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sharded: StartedWorker;
let single: StartedWorker;
before(async () => {
  [sharded, single] = await Promise.all([startWorker("harness", { bindings: { DYNAMODB_SHARDS: "4" } }), startWorker("harness")]);
  for (const w of [sharded, single]) {
    for (const t of [table("accounts"), table("receipts"), table("ledger", 1)]) assert.equal((await post(w.url, "CreateTable", t)).status, 200);
    for (let i = 0; i < ACCOUNTS; i++)
      assert.equal((await post(w.url, "PutItem", { TableName: "accounts", Item: { ...key(`acct-${i}`), balance: { N: "100" } } })).status, 200);
  }
});
after(async () => {
  await Promise.all([sharded?.dispose(), single?.dispose()]);
});

/** The same request to the 4-shard and the one-object Worker: the same status and body. */
async function same(op: string, body: Json): Promise<Json> {
  const [a, b] = await Promise.all([post(sharded.url, op, body), post(single.url, op, body)]);
  assert.equal(a.status, b.status, `${op}: ${JSON.stringify(a.body)} vs ${JSON.stringify(b.body)}`);
  assert.deepEqual(a.body, b.body, op);
  return a;
}

const transfer = (from: number, to: number, amount: number, receipt: string) => ({
  TransactItems: [
    { Update: { TableName: "accounts", Key: key(`acct-${from}`), UpdateExpression: "SET balance = balance - :a",
      ConditionExpression: "balance >= :a", ExpressionAttributeValues: { ":a": { N: String(amount) } },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD" } },
    { Update: { TableName: "accounts", Key: key(`acct-${to}`), UpdateExpression: "ADD balance :a",
      ExpressionAttributeValues: { ":a": { N: String(amount) } } } },
    { Put: { TableName: "receipts", Item: { ...key(receipt), from: { N: String(from) }, to: { N: String(to) }, amount: { N: String(amount) } },
      ConditionExpression: "attribute_not_exists(pk)" } },
  ],
});

async function balances(url: URL): Promise<number[]> {
  const out: number[] = new Array(ACCOUNTS).fill(NaN);
  let start: Json | undefined;
  do {
    const r = await post(url, "Scan", { TableName: "accounts", ExclusiveStartKey: start });
    for (const item of r.body.Items as Json[]) out[Number(item.pk.S.slice(5))] = Number(item.balance.N);
    start = r.body.LastEvaluatedKey as Json | undefined;
  } while (start);
  return out;
}

describe("transactions over several shards answer as on one object", () => {
  it("commits every action, or none, with the same answers, reasons and capacity", async () => {
    assert.equal((await same("TransactWriteItems", { ...transfer(1, 2, 30, "r-1"), ReturnConsumedCapacity: "INDEXES" })).status, 200);
    // The receipt exists now: cancelled with that action's reason; the others' are None.
    const again = await same("TransactWriteItems", transfer(1, 2, 30, "r-1"));
    assert.deepEqual(again.body.CancellationReasons.map((r: Json) => r.Code), ["None", "None", "ConditionalCheckFailed"]);
    const broke = await same("TransactWriteItems", transfer(1, 2, 1000, "r-2"));
    assert.equal(broke.body.CancellationReasons[0].Item.balance.N, "70");
    await same("TransactWriteItems", { TransactItems: [
      { Put: { TableName: "accounts", Item: key("x") } }, { Delete: { TableName: "accounts", Key: key("x") } }] });
    await same("TransactWriteItems", { TransactItems: [
      { Put: { TableName: "accounts", Item: key("acct-3") } }, { Put: { TableName: "nope", Item: key("y") } }] });
    await same("TransactWriteItems", { TransactItems: [
      { Put: { TableName: "ledger", Item: { ...key("entry-1"), note: { S: "with a one-shard table" } } } },
      { Update: { TableName: "accounts", Key: key("acct-4"), UpdateExpression: "ADD balance :a", ExpressionAttributeValues: { ":a": { N: "0" } } } },
      { ConditionCheck: { TableName: "accounts", Key: key("acct-5"), ConditionExpression: "balance = :b", ExpressionAttributeValues: { ":b": { N: "100" } } } },
    ], ReturnConsumedCapacity: "TOTAL" });
    // Over 4 MB in all, though each object's part is under it.
    const big = { S: "x".repeat(390_000) };
    await same("TransactWriteItems", { TransactItems: Array.from({ length: 11 }, (_, i) => ({ Put: { TableName: "accounts", Item: { ...key(`big-${i}`), big } } })) });
    await same("TransactGetItems", { TransactItems: [0, 1, 2, 3, 50, 99].map((i) => ({ Get: { TableName: "accounts", Key: key(`acct-${i}`) } }))
      .concat([{ Get: { TableName: "receipts", Key: key("r-1"), ProjectionExpression: "amount" } as any }]), ReturnConsumedCapacity: "TOTAL" });
    assert.deepEqual(await balances(sharded.url), await balances(single.url));
  });

  it("ClientRequestToken: a retry does nothing again; retries at once apply it once", async () => {
    const body = { ...transfer(10, 11, 5, "r-token"), ClientRequestToken: "token-1" };
    assert.equal((await same("TransactWriteItems", body)).status, 200);
    assert.equal((await same("TransactWriteItems", body)).status, 200);
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(sharded.url, "TransactWriteItems",
      { ...transfer(12, 13, 5, "r-token-2"), ClientRequestToken: "token-2" })));
    for (const a of answers)
      assert.ok(a.status === 200 || a.body.__type?.endsWith("TransactionInProgressException"), JSON.stringify(a.body));
    const [b] = await Promise.all([balances(sharded.url)]);
    assert.equal(b[12], 95);
    assert.equal(b[13], 105);
    const mismatch = await post(sharded.url, "TransactWriteItems", { ...transfer(12, 13, 6, "r-token-3"), ClientRequestToken: "token-2" });
    assert.match(mismatch.body.__type, /IdempotentParameterMismatchException/);
  });
});

describe("50 clients move money between 100 accounts on 4 shards", () => {
  it("the total is preserved, every acknowledged transfer applied once, and every audit sees the total", async () => {
    const before = await balances(sharded.url);
    const total = before.reduce((a, b) => a + b, 0);
    const expected = [...before];
    let acknowledged = 0, conflicts = 0, audits = 0;
    let stop = false;
    const client = async (c: number) => {
      const rnd = seededRandom(100 + c);
      for (let t = 0; t < 6; t++) {
        const from = Math.floor(rnd() * ACCOUNTS), to = (from + 1 + Math.floor(rnd() * (ACCOUNTS - 1))) % ACCOUNTS;
        const amount = 1 + Math.floor(rnd() * 20);
        for (let attempt = 0; ; attempt++) {
          const r = await post(sharded.url, "TransactWriteItems", transfer(from, to, amount, `m-${c}-${t}`));
          if (r.status === 200) {
            acknowledged++;
            expected[from]! -= amount;
            expected[to]! += amount;
            break;
          }
          const reasons = (r.body.CancellationReasons ?? []) as Json[];
          assert.equal(r.status, 400, JSON.stringify(r.body));
          if (reasons.some((x) => x.Code === "ConditionalCheckFailed")) break;  // not enough money: refused whole
          assert.ok(reasons.some((x) => x.Code === "TransactionConflict"), JSON.stringify(r.body));
          conflicts++;
          assert.ok(attempt < 200, "a transfer gets through");
          await sleep(Math.floor(rnd() * 10));
        }
      }
    };
    // Auditors read every account in one TransactGetItems: each answer is one consistent moment.
    const auditor = async () => {
      while (!stop) {
        const r = await post(sharded.url, "TransactGetItems", { TransactItems: Array.from({ length: ACCOUNTS }, (_, i) =>
          ({ Get: { TableName: "accounts", Key: key(`acct-${i}`) } })) });
        if (r.status === 200) {
          audits++;
          assert.equal((r.body.Responses as Json[]).reduce((s, x) => s + Number(x.Item.balance.N), 0), total);
        } else {
          assert.ok((r.body.CancellationReasons as Json[]).some((x) => x.Code === "TransactionConflict"), JSON.stringify(r.body));
        }
      }
    };
    const auditors = [auditor(), auditor()];
    await Promise.all(Array.from({ length: 50 }, (_, c) => client(c)));
    stop = true;
    await Promise.all(auditors);
    const after = await balances(sharded.url);
    assert.equal(after.reduce((a, b) => a + b, 0), total);
    assert.deepEqual(after, expected);
    const receipts = await post(sharded.url, "Scan", { TableName: "receipts", Select: "COUNT", FilterExpression: "begins_with(pk, :m)",
      ExpressionAttributeValues: { ":m": { S: "m-" } } });
    assert.equal(receipts.body.Count, acknowledged);
    assert.ok(acknowledged > 200, `${acknowledged} transfers, ${conflicts} conflicts, ${audits} audits`);
    console.log(`# ${acknowledged} transfers acknowledged, ${conflicts} conflicts retried, ${audits} consistent audits`);
  });
});

describe("faults at every phase of a commit: after recovery, all or nothing, nothing locked", () => {
  const faulty = (db: string, fail: string, object = "", timeout = 300) =>
    new URL(`/__test/faulty-shards/${db}?shards=4&timeout=${timeout}&fail=${fail}&object=${encodeURIComponent(object)}`, sharded.url);
  const normal = (db: string) => new URL(`/__test/sharded/${db}?shards=4`, sharded.url);
  const items = ["a", "b", "c", "d", "e", "f", "g", "h"];
  const write = (tag: string, extra: Json[] = []) => ({ TransactItems: [
    ...items.map((k) => ({ Put: { TableName: "kvs", Item: { ...key(k), tag: { S: tag } } } })), ...extra] });

  async function setup(db: string): Promise<void> {
    assert.equal((await post(normal(db), "CreateTable", table("kvs"))).status, 200);
    assert.equal((await post(normal(db), "TransactWriteItems", write("v0"))).status, 200);
  }
  /** Waits until every item has one tag and a new transaction over all of them commits; returns that tag. */
  async function settled(db: string): Promise<string> {
    for (let i = 0; ; i++) {
      const got = await post(normal(db), "BatchGetItem", { RequestItems: { kvs: { Keys: items.map(key) } } });
      const tags = new Set((got.body.Responses.kvs as Json[]).map((x) => x.tag.S));
      const probe = await post(normal(db), "TransactWriteItems", { TransactItems: items.map((k) => ({
        ConditionCheck: { TableName: "kvs", Key: key(k), ConditionExpression: "attribute_exists(pk)" } })) });
      if (probe.status === 200) {
        assert.equal(tags.size, 1, `all or nothing: ${[...tags]}`);
        return [...tags][0]!;
      }
      assert.ok(i < 100, `items stay locked: ${JSON.stringify(probe.body)}`);
      await sleep(100);
    }
  }

  // [what happens, the router's calls that throw, on objects named ...suffix, the outcome]
  const FAULTS: [string, string, string, string][] = [
    ["an object that fails at prepare: nothing written, nothing locked", "@TxnPrepare", "/1", "v0"],
    ["a router that dies after every part prepared: the transaction committed, and the alarms commit it",
      "@TxnDecide,@TxnCommit,@TxnAbort", "", "v1"],
    ["a router that dies after some parts prepared: the alarms find one never did, fence it, and abort",
      "@TxnPrepare,@TxnStatus,@TxnDecide,@TxnAbort", "/1", "v0"],
    ["a router that dies after deciding COMMIT: the alarms commit", "@TxnCommit", "", "v1"],
    ["one object fails at commit: it commits when its lock expires", "@TxnCommit", "/2", "v1"],
  ];
  for (const [what, fail, object, outcome] of FAULTS) {
    it(what, async () => {
      const db = `f-${FAULTS.findIndex((f) => f[0] === what)}`;
      await setup(db);
      assert.equal((await post(faulty(db, fail, object), "TransactWriteItems", write("v1"))).status, 500);
      assert.equal(await settled(db), outcome);
    });
  }
  it("a cancelled transaction whose aborts fail: the alarms abort", async () => {
    await setup("f5");
    const r = await post(faulty("f5", "@TxnAbort"), "TransactWriteItems",
      write("v1", [{ ConditionCheck: { TableName: "kvs", Key: key("zz"), ConditionExpression: "attribute_exists(pk)" } }]));
    assert.equal(r.status, 400);
    assert.equal(r.body.CancellationReasons.at(-1).Code, "ConditionalCheckFailed");
    assert.equal(await settled("f5"), "v0");
  });
  it("a lock whose router died is resolved by the next write that meets it", async () => {
    await setup("f6");
    const r = await post(faulty("f6", "@TxnPrepare,@TxnStatus,@TxnDecide,@TxnAbort", "/1", 200), "TransactWriteItems", write("v1"));
    assert.equal(r.status, 500);
    await sleep(300);
    for (const k of items) {
      const put = await post(normal("f6"), "PutItem", { TableName: "kvs", Item: { ...key(k), tag: { S: "v0" } } });
      assert.equal(put.status, 200, JSON.stringify(put.body));
    }
    assert.equal(await settled("f6"), "v0");
  });
  it("a shard that fails during a batch: its entries come back unprocessed and succeed on retry", async () => {
    await setup("f7");
    const batch = { RequestItems: { kvs: items.map((k) => ({ PutRequest: { Item: { ...key(k), tag: { S: "v2" } } } })) } };
    const r = await post(faulty("f7", "BatchWriteItem", "/3"), "BatchWriteItem", batch);
    assert.equal(r.status, 200);
    const left = (r.body.UnprocessedItems.kvs ?? []) as Json[];
    assert.ok(left.length > 0 && left.length < items.length, JSON.stringify(r.body));
    assert.equal((await post(normal("f7"), "BatchWriteItem", { RequestItems: { kvs: left } })).status, 200);
    assert.equal(await settled("f7"), "v2");
  });
});
