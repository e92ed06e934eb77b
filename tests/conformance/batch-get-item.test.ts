/**
 * BatchGetItem conformance: RequestItems shape and the 100-key limits, duplicates, per-table
 * projections, unknown tables, key schema, Responses for every table and UnprocessedKeys always
 * present, ConsumedCapacity per table. Sources: /work/notes/dynamodb-batch-transact.md §1
 * ("notes"), CONF = nubo-db/dynamodb-conformance (real AWS 2026), DL = dynalite
 * test/batchGetItem.js (real AWS 2013-2020), DX = dynoxide (emulator tuned against AWS).
 */
import {
  HASH_TABLE,
  INVALID,
  NOT_NULL,
  PAIRS,
  PAIRS_TABLE,
  TABLE,
  anyOf,
  conformance,
  notFound,
  ok,
  pk,
  put,
  re,
  unordered,
  validation,
  violation,
  violations,
  type Case,
} from "./runner.js";

type Obj = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const batch = (items: Obj, extra: Obj = {}) => ({ RequestItems: items, ...extra });
const keys = (...k: Obj[]) => ({ Keys: k });
const pairKey = (p: string, sk: string) => ({ pk: S(p), sk: N(sk) });

const A = { ...pk("a"), x: S("1"), y: { M: { z: N("2"), w: S("w") } } };
const B = { ...pk("b"), x: S("2") };
const PA = { ...pairKey("p", "1"), v: S("v") };
const setup = [HASH_TABLE, PAIRS_TABLE, put(A), put(B), put(PA, PAIRS)];
const SCHEMA = "The provided key element does not match the schema";
const many = (n: number, prefix = "k") => Array.from({ length: n }, (_, i) => pk(`${prefix}${i}`));
const get = (name: string, items: Obj, expect: ReturnType<typeof ok>, extra: Obj = {}): Case => ({
  name,
  setup,
  op: "BatchGetItem",
  request: batch(items, extra),
  expect,
});
const fails = (name: string, items: Obj, message: Parameters<typeof validation>[0], extra: Obj = {}): Case => ({
  name,
  setup,
  op: "BatchGetItem",
  request: batch(items, extra),
  expect: validation(message),
});

const cases: Case[] = [
  // ---- responses (notes §1 Response: every table in Responses, UnprocessedKeys always {})
  get(
    "items from two tables; missing keys are left out",
    { [TABLE]: keys(pk("a"), pk("zz"), pk("b")), [PAIRS]: keys(pairKey("p", "1")) },
    ok({ Responses: { [TABLE]: unordered(A, B), [PAIRS]: [PA] }, UnprocessedKeys: {} }), // DL :16-19: order not guaranteed
  ),
  get(
    "a table with nothing found still appears with []", // DL :405-417; CONF tier1/batchGetItem/basic.test.ts:172-192
    { [TABLE]: keys(pk("a")), [PAIRS]: keys(pairKey("nobody", "1")) },
    ok({ Responses: { [TABLE]: [A], [PAIRS]: [] }, UnprocessedKeys: {} }),
  ),
  get("key attribute order does not matter", { [PAIRS]: keys({ sk: N("1"), pk: S("p") }) }, ok({ Responses: { [PAIRS]: [PA] }, UnprocessedKeys: {} })),
  get("ConsistentRead", { [TABLE]: { Keys: [pk("b")], ConsistentRead: true } }, ok({ Responses: { [TABLE]: [B] }, UnprocessedKeys: {} })),
  get(
    "ProjectionExpression per table, without the key added", // CONF tier1/batchGetItem/basic.test.ts:103-122
    {
      [TABLE]: { Keys: [pk("a")], ProjectionExpression: "#y.z, x", ExpressionAttributeNames: { "#y": "y" } },
      [PAIRS]: { Keys: [pairKey("p", "1")], ProjectionExpression: "sk" },
    },
    ok({ Responses: { [TABLE]: [{ x: S("1"), y: { M: { z: N("2") } } }], [PAIRS]: [{ sk: N("1") }] }, UnprocessedKeys: {} }),
  ),
  get(
    "a projection matching nothing gives {} in the list", // DL :484-487; CONF basic.test.ts:103-122
    { [TABLE]: { Keys: [pk("a")], ProjectionExpression: "nothere" } },
    ok({ Responses: { [TABLE]: [{}] }, UnprocessedKeys: {} }),
  ),
  get("AttributesToGet", { [TABLE]: { Keys: [pk("a"), pk("b")], AttributesToGet: ["x"] } }, ok({ Responses: { [TABLE]: unordered({ x: S("1") }, { x: S("2") }) }, UnprocessedKeys: {} })),
  get("exactly 100 keys", { [TABLE]: keys(...many(98), pk("a"), pk("b")) }, ok({ Responses: { [TABLE]: unordered(A, B) }, UnprocessedKeys: {} })),
  get("100 keys over two tables", { [TABLE]: keys(...many(50)), [PAIRS]: keys(...Array.from({ length: 50 }, (_, i) => pairKey("p", String(i)))) }, ok({ Responses: { [TABLE]: [], [PAIRS]: [PA] }, UnprocessedKeys: {} })),
  get(
    // DL :495-581: a list, one entry per table, 0.5 per eventually consistent read (a missing item
    // too), 1 when consistent.
    "ReturnConsumedCapacity TOTAL lists each table",
    { [TABLE]: { Keys: [pk("a")], ConsistentRead: true }, [PAIRS]: keys(pairKey("nobody", "1")) },
    ok({
      Responses: { [TABLE]: [A], [PAIRS]: [] },
      UnprocessedKeys: {},
      ConsumedCapacity: unordered({ CapacityUnits: 1, TableName: TABLE }, { CapacityUnits: 0.5, TableName: PAIRS }),
    }),
    { ReturnConsumedCapacity: "TOTAL" },
  ),
  get(
    "ReturnConsumedCapacity INDEXES adds Table",
    { [TABLE]: keys(pk("a")) },
    ok({ Responses: { [TABLE]: [A] }, UnprocessedKeys: {}, ConsumedCapacity: [{ CapacityUnits: 0.5, Table: { CapacityUnits: 0.5 }, TableName: TABLE }] }),
    { ReturnConsumedCapacity: "INDEXES" },
  ),

  // ---- RequestItems (notes §1 Validation messages)
  // DL :65-70 (2013-2020); the 2026 form is UNVERIFIED.
  { name: "missing RequestItems", setup, op: "BatchGetItem", request: {}, expect: validation(violations(violation(null, "requestItems", NOT_NULL))) },
  fails("empty RequestItems", {}, "The requestItems parameter is required for BatchGetItem"), // CONF tier3/error-messages/batchGetItem.test.ts:10-20
  fails("empty Keys", { [TABLE]: { Keys: [] } }, "1 validation error detected: " + violation("[]", `requestItems.${TABLE}.member.keys`, "Member must have length greater than or equal to 1")), // DL :102-112
  fails("missing Keys", { [TABLE]: {} }, "1 validation error detected: " + violation(null, `requestItems.${TABLE}.member.keys`, NOT_NULL)), // DL :97-98
  {
    // CONF tier3/error-messages/batchGetItem.test.ts:23-40 (exact toBe, 2026): no value echoed,
    // capitalised path. (DL 2013-2020 echoed the value on a lowercase path.)
    name: "101 keys in one table",
    setup,
    op: "BatchGetItem",
    request: batch({ [TABLE]: keys(...many(101)) }),
    expect: validation(`1 validation error detected: Value at 'RequestItems.${TABLE}.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100`),
  },
  fails("101 keys over two tables", { [TABLE]: keys(...many(50)), [PAIRS]: keys(...Array.from({ length: 51 }, (_, i) => pairKey("p", String(i)))) }, "Too many items requested for the BatchGetItem call"), // DL :210-217; AWS docs
  fails("bad ReturnConsumedCapacity", { [TABLE]: keys(pk("a")) }, violations(violation("hi", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]")), { ReturnConsumedCapacity: "hi" }),
  {
    // DL :128-136 (2013-2020) "Map keys must satisfy constraint"; the length bounds may have changed
    // (DX CHANGELOG), so only the pattern part is pinned.
    name: "table name with a bad character",
    setup,
    op: "BatchGetItem",
    request: batch({ "a!b": keys(pk("a")) }),
    expect: validation(
      re(/^1 validation error detected: Value '\{.+\}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: \[.*Member must satisfy regular expression pattern: \[a-zA-Z0-9_\.-\]\+\]$/s),
    ),
  },

  // ---- duplicates (CONF tier3 batchGetItem.test.ts:66-87; DL :304-331)
  fails("duplicate keys", { [TABLE]: keys(pk("a"), pk("b"), pk("a")) }, "Provided list of item keys contains duplicates"),
  fails("duplicate keys in any attribute order", { [PAIRS]: keys(pairKey("p", "1"), { sk: N("1"), pk: S("p") }) }, "Provided list of item keys contains duplicates"),
  fails("duplicate AttributesToGet", { [TABLE]: { Keys: [pk("a")], AttributesToGet: ["x", "x"] } }, INVALID + "Duplicate value in attribute name: x"),
  fails("duplicate AttributesToGet is reported before duplicate keys", { [TABLE]: { Keys: [pk("a"), pk("a")], AttributesToGet: ["x", "x"] } }, INVALID + "Duplicate value in attribute name: x"), // DL :315-326

  // ---- expression parameters, per table (DL :149-207)
  fails(
    "AttributesToGet with ProjectionExpression",
    { [TABLE]: { Keys: [pk("a")], AttributesToGet: ["x"], ProjectionExpression: "x" } },
    "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
  ),
  {
    // DX CHANGELOG.md:185 "Confirmed against real DynamoDB in eu-west-2": mixing across tables
    // is rejected too.
    name: "AttributesToGet in one table and ProjectionExpression in another",
    setup,
    op: "BatchGetItem",
    request: batch({ [TABLE]: { Keys: [pk("a")], AttributesToGet: ["x"] }, [PAIRS]: { Keys: [pairKey("p", "1")], ProjectionExpression: "v" } }),
    expect: validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"),
  },
  fails("ExpressionAttributeNames without an expression", { [TABLE]: { Keys: [pk("a")], ExpressionAttributeNames: { "#a": "a" } } }, "ExpressionAttributeNames can only be specified when using expressions"),
  fails("empty ExpressionAttributeNames", { [TABLE]: { Keys: [pk("a")], ProjectionExpression: "x", ExpressionAttributeNames: {} } }, "ExpressionAttributeNames must not be empty"),
  fails("bad ExpressionAttributeNames key", { [TABLE]: { Keys: [pk("a")], ProjectionExpression: "x", ExpressionAttributeNames: { a: "a" } } }, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'),
  fails("empty ProjectionExpression", { [TABLE]: { Keys: [pk("a")], ProjectionExpression: "" } }, "Invalid ProjectionExpression: The expression can not be empty;"),

  // ---- key AttributeValues (DL :228-276), before the table lookup
  fails("empty AttributeValue in a key", { [TABLE]: keys({ pk: {} }) }, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  fails("two datatypes in a key value", { [TABLE]: keys({ pk: { S: "a", N: "1" } }) }, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
  fails("bad number in a key", { [PAIRS]: keys({ pk: S("p"), sk: N("b") }) }, "The parameter cannot be converted to a numeric value: b"),
  fails("AttributeValue errors come before the table lookup", { nope: keys({ pk: {} }) }, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),

  // ---- tables (CONF tier3 batchGetItem.test.ts:43-64; DL :219-226, :333-338)
  { name: "unknown table", setup, op: "BatchGetItem", request: batch({ [TABLE]: keys(pk("a")), nope: keys(pk("a")) }), expect: notFound() },
  { name: "exactly 100 keys on a missing table", setup, op: "BatchGetItem", request: batch({ nope: keys(...many(100)) }), expect: notFound() },
  { name: "an empty key on a missing table is ResourceNotFound", setup, op: "BatchGetItem", request: batch({ nope: keys({}) }), expect: notFound() },

  // ---- key schema (DL :340-383)
  fails("empty key", { [TABLE]: keys({}) }, SCHEMA),
  fails("wrong key type", { [TABLE]: keys({ pk: N("1") }) }, SCHEMA),
  fails("extra key attribute", { [TABLE]: keys({ ...pk("a"), x: S("1") }) }, SCHEMA),
  fails("missing range key", { [PAIRS]: keys(pk("p")) }, SCHEMA),
  fails("hash key over 2048 bytes", { [TABLE]: keys(pk("a".repeat(2049))) }, INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
  fails(
    // Lookup-key wording: DL getItem (2013-2020) "were invalid:"; DX #98 (2026) "are not valid.".
    "empty-string key",
    { [TABLE]: keys(pk("")) },
    anyOf(
      INVALID + "The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
      "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
    ),
  ),
];

conformance("BatchGetItem", cases);
