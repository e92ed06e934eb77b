/**
 * TransactGetItems conformance: 1..100 Gets, Responses in request order with {} for a missing item,
 * projections per Get, request-level errors (unknown table, projection syntax, same item twice),
 * per-Get key problems as ValidationError cancellation reasons, ConsumedCapacity.
 * Sources: /work/notes/dynamodb-batch-transact.md §4 ("notes"), CONF = nubo-db/dynamodb-conformance
 * (real AWS 2026), DX = dynoxide (emulator tuned against AWS).
 */
import {
  HASH_TABLE,
  PAIRS,
  PAIRS_TABLE,
  TABLE,
  conformance,
  errorType,
  notFound,
  ok,
  okSubset,
  pk,
  put,
  re,
  validation,
  type Case,
  type Expect,
} from "./runner.js";

type Obj = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const OP = "TransactGetItems";
const Get = (key: Obj, extra: Obj = {}, table = TABLE) => ({ Get: { TableName: table, Key: key, ...extra } });
const pairKey = (p: string, sk: string) => ({ pk: S(p), sk: N(sk) });

const A = { ...pk("a"), x: S("1"), m: { M: { y: N("2"), z: S("z") } } };
const B = { ...pk("b"), x: S("2") };
const PA = { ...pairKey("p", "1"), v: S("v") };
const setup = [HASH_TABLE, PAIRS_TABLE, put(A), put(B), put(PA, PAIRS)];

const run = (name: string, items: Obj[], expect: Expect, request: Obj = {}, extra: Partial<Case> = {}): Case => ({
  name,
  setup,
  op: OP,
  request: { TransactItems: items, ...request },
  expect,
  ...extra,
});
/** TransactionCanceledException whose reasons have these codes (messages are not pinned by CONF). */
const cancelled = (...codes: string[]): Expect => ({
  status: 400,
  subset: true,
  body: {
    __type: errorType("TransactionCanceledException"),
    Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(", ")}]`,
    CancellationReasons: codes.map((Code) => ({ Code })),
  },
});

const cases: Case[] = [
  // ---- responses (notes §4 Response)
  run(
    "Responses in request order, {} for a missing item", // CONF tier2/transactions/transactGet.test.ts:54-59, 104-139
    [Get(pk("b")), Get(pk("missing")), Get(pairKey("p", "1"), {}, PAIRS), Get(pk("a"))],
    ok({ Responses: [{ Item: B }, {}, { Item: PA }, { Item: A }] }),
  ),
  run(
    "a ProjectionExpression per Get",
    [Get(pk("a"), { ProjectionExpression: "#m.y, x", ExpressionAttributeNames: { "#m": "m" } }), Get(pairKey("p", "1"), { ProjectionExpression: "v" }, PAIRS)],
    ok({ Responses: [{ Item: { x: S("1"), m: { M: { y: N("2") } } } }, { Item: { v: S("v") } }] }),
  ),
  // DX CHANGELOG.md:255 ("matching AWS"): a present item whose projection matches nothing has no Item.
  run("a projection matching nothing gives {}", [Get(pk("a"), { ProjectionExpression: "nothere" })], ok({ Responses: [{}] })),
  run(
    "exactly 100 Gets", // CONF tier3/limits/transactionLimits.test.ts:128-141
    [...Array.from({ length: 99 }, (_, i) => Get(pk(`k${i}`))), Get(pk("a"))],
    ok({ Responses: [...Array.from({ length: 99 }, () => ({})), { Item: A }] }),
  ),
  run(
    // DX (CHANGELOG.md:250, src transact_get_items.rs:211-243): a list per table, 2 RCU per item
    // per 4 KB, a missing item costs 2 too. The API reference documents ConsumedCapacity as an
    // array with one entry per table. Subset: 2026 entries also carry ReadCapacityUnits.
    "ReturnConsumedCapacity TOTAL is a list per table",
    [Get(pk("a")), Get(pk("missing"))],
    okSubset({ Responses: [{ Item: A }, {}], ConsumedCapacity: [{ TableName: TABLE, CapacityUnits: 4 }] }),
    { ReturnConsumedCapacity: "TOTAL" },
  ),
  run("ReturnConsumedCapacity NONE adds nothing", [Get(pk("a"))], ok({ Responses: [{ Item: A }] }), { ReturnConsumedCapacity: "NONE" }),

  // ---- request-level errors (notes §4 Errors)
  run("empty TransactItems", [], validation("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1")), // CONF tier3 transactGetItems.test.ts:11-22
  run(
    "101 Gets", // CONF tier3 transactGetItems.test.ts:24-45 (the dump is unstable: anchored regex)
    Array.from({ length: 101 }, (_, i) => Get(pk(`k${i}`))),
    validation(re(/^1 validation error detected: Value '\[.+\]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100$/s)),
  ),
  run("unknown table", [Get(pk("a")), Get(pk("a"), {}, "nope")], notFound()), // CONF tier3 transactGetItems.test.ts:47-71
  run("bad ProjectionExpression", [Get(pk("a"), { ProjectionExpression: "!!" })], validation('Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"')), // CONF tier3 transactGetItems.test.ts:73-98
  run("ExpressionAttributeNames without a ProjectionExpression", [Get(pk("a"), { ExpressionAttributeNames: { "#x": "x" } })], validation("ExpressionAttributeNames can only be specified when using expressions")),
  // CONF tier2 transactGet.test.ts:228-251 (type only); DX's text, the same as the write side's.
  run("the same item twice", [Get(pk("a")), Get(pk("b")), Get(pk("a"), { ProjectionExpression: "x" })], validation("Transaction request cannot include multiple operations on one item")),
  // UNVERIFIED text: the coral null-member form.
  run("a TransactGetItem without Get", [{}], validation("1 validation error detected: Value null at 'transactItems.1.member.get' failed to satisfy constraint: Member must not be null")),

  // ---- per-Get key problems are ValidationError reasons (CONF tier3 transactGetItems.test.ts:100-129)
  run("an empty Key", [Get({})], cancelled("ValidationError")),
  // DX (src transact_get_items.rs:87-131): every Get is validated; empty-string keys are not
  // hoisted here, unlike TransactWriteItems (DX tests/transactions.rs:1588-1611).
  run("a wrong-type key and an empty-string key", [Get(pk("a")), Get({ pk: N("1") }), Get(pk(""))], cancelled("None", "ValidationError", "ValidationError")),
  run("a missing range key", [Get(pk("p"), {}, PAIRS)], cancelled("ValidationError")),
];

conformance("TransactGetItems", cases);
