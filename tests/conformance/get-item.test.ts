/**
 * GetItem conformance: key rules, AttributesToGet, ConsistentRead, ReturnConsumedCapacity.
 * ProjectionExpression is in expressions.test.ts. Sources: /work/notes/dynamodb-messages.md §6,
 * §7 ("notes"), dynalite test/getItem.js ("DL"), NC (real AWS 2026).
 */
import {
  HASH_TABLE,
  INVALID,
  NOT_NULL,
  PAIRS,
  PAIRS_TABLE,
  TABLE,
  conformance,
  createTable,
  notFound,
  ok,
  pk,
  put,
  serialization,
  validation,
  violation,
  violations,
  type Case,
} from "./runner.js";

const ITEM = { ...pk("a"), x: { S: "1" }, y: { N: "2" }, z: { L: [{ S: "q" }] } };
const getReq = (key: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  TableName: TABLE,
  Key: key,
  ...extra,
});
const SCHEMA = "The provided key element does not match the schema";
// {pk: "k", a: <s>}: 2 + 1 + 1 + s bytes
const sized = (total: number) => ({ ...pk("k"), a: { S: "x".repeat(total - 4) } });
/** A GetItem with key expecting a ValidationException on the items table. */
const badKey = (name: string, key: Record<string, unknown>, message: string, table = TABLE): Case => ({
  name,
  setup: [table === TABLE ? HASH_TABLE : PAIRS_TABLE, put(ITEM)].slice(0, table === TABLE ? 2 : 1),
  op: "GetItem",
  request: { TableName: table, Key: key },
  expect: validation(message),
});

const cases: Case[] = [
  {
    name: "existing item",
    setup: [HASH_TABLE, put(ITEM)],
    op: "GetItem",
    request: getReq(pk("a")),
    expect: ok({ Item: ITEM }),
  },
  {
    name: "missing item is an empty body", // DL test/getItem.js:421-428
    setup: [HASH_TABLE, put(ITEM)],
    op: "GetItem",
    request: getReq(pk("b")),
    expect: ok({}),
  },
  {
    name: "composite key",
    setup: [PAIRS_TABLE, put({ ...pk("a"), sk: { N: "5" }, v: { BOOL: true } }, PAIRS)],
    op: "GetItem",
    request: { TableName: PAIRS, Key: { ...pk("a"), sk: { N: "5.0" } } },
    expect: ok({ Item: { ...pk("a"), sk: { N: "5" }, v: { BOOL: true } } }),
  },
  {
    name: "AttributesToGet returns only the listed attributes that exist", // DL test/getItem.js:480-496
    setup: [HASH_TABLE, put(ITEM)],
    op: "GetItem",
    request: getReq(pk("a"), { AttributesToGet: ["y", "nothere", "x"] }),
    expect: ok({ Item: { x: { S: "1" }, y: { N: "2" } } }),
  },
  {
    name: "empty AttributesToGet", // DL test/getItem.js:98-109
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq(pk("a"), { AttributesToGet: [] }),
    expect: validation(
      `1 validation error detected: ${violation("[]", "attributesToGet", "Member must have length greater than or equal to 1")}`,
    ),
  },
  {
    name: "duplicate in AttributesToGet", // DL test/getItem.js:182-185
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq(pk("a"), { AttributesToGet: ["a", "a"] }),
    expect: validation(INVALID + "Duplicate value in attribute name: a"),
  },
  {
    name: "AttributesToGet with ProjectionExpression", // DL test/getItem.js:111-120
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq(pk("a"), { AttributesToGet: ["a"], ProjectionExpression: "a" }),
    expect: validation(
      "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
    ),
  },

  // ---- capacity: ceil(size / 4096), halved when eventually consistent (DL test/getItem.js:430-618)
  {
    name: "eventually consistent read of a missing item costs 0.5",
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq(pk("a"), { ReturnConsumedCapacity: "TOTAL" }),
    expect: ok({ ConsumedCapacity: { CapacityUnits: 0.5, TableName: TABLE } }),
  },
  {
    name: "consistent read costs 1",
    setup: [HASH_TABLE, put(ITEM)],
    op: "GetItem",
    request: getReq(pk("a"), { ReturnConsumedCapacity: "TOTAL", ConsistentRead: true }),
    expect: ok({ Item: ITEM, ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE } }),
  },
  {
    name: "INDEXES adds Table",
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq(pk("a"), { ReturnConsumedCapacity: "INDEXES", ConsistentRead: true }),
    expect: ok({ ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE, Table: { CapacityUnits: 1 } } }),
  },
  {
    name: "item of 4096 bytes is one unit",
    setup: [HASH_TABLE, put(sized(4096))],
    op: "GetItem",
    request: getReq(pk("k"), { ReturnConsumedCapacity: "TOTAL", ConsistentRead: true, AttributesToGet: ["pk"] }),
    expect: ok({ Item: pk("k"), ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE } }),
  },
  {
    name: "item of 4097 bytes is two units",
    setup: [HASH_TABLE, put(sized(4097))],
    op: "GetItem",
    request: getReq(pk("k"), { ReturnConsumedCapacity: "TOTAL", ConsistentRead: true, AttributesToGet: ["pk"] }),
    expect: ok({ Item: pk("k"), ConsumedCapacity: { CapacityUnits: 2, TableName: TABLE } }),
  },
  {
    name: "item of 4097 bytes read eventually consistent is one unit",
    setup: [HASH_TABLE, put(sized(4097))],
    op: "GetItem",
    request: getReq(pk("k"), { ReturnConsumedCapacity: "TOTAL", AttributesToGet: ["pk"] }),
    expect: ok({ Item: pk("k"), ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE } }),
  },

  // ---- keys (notes §6.2)
  { name: "missing table", op: "GetItem", request: getReq(pk("a")), expect: notFound() },
  { name: "empty Key on a missing table", op: "GetItem", request: getReq({}), expect: notFound() }, // DL test/getItem.js:307-310
  badKey("empty Key", {}, SCHEMA), // DL test/getItem.js:312-335
  badKey("key attribute of another name", { b: { S: "a" } }, SCHEMA),
  badKey("extra attribute in Key", { ...pk("a"), b: { S: "a" } }, SCHEMA),
  badKey("key of the wrong type", { pk: { N: "1" } }, SCHEMA),
  badKey("key given as a string set", { pk: { SS: ["a"] } }, SCHEMA),
  badKey("missing range key", pk("a"), SCHEMA, PAIRS),
  // "were invalid:" on GetItem/DeleteItem, not PutItem's "are not valid." (DL test/getItem.js:337-347)
  badKey(
    "empty string key",
    { pk: { S: "" } },
    INVALID + "The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
  ),
  badKey("hash key of 2049 bytes", pk("h".repeat(2049)), INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
  {
    name: "hash key of 2048 bytes",
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq(pk("h".repeat(2048))),
    expect: ok({}),
  },
  {
    name: "range key of 1025 bytes",
    setup: [createTable("strs", { name: "sk", type: "S" })],
    op: "GetItem",
    request: { TableName: "strs", Key: { ...pk("a"), sk: { S: "r".repeat(1025) } } },
    expect: validation(INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"),
  },
  // AttributeValue validation of the key comes before the table lookup (DL test/getItem.js:131-180)
  {
    name: "invalid number in Key on a missing table",
    op: "GetItem",
    request: getReq({ pk: { N: "1e126" } }),
    expect: validation("Number overflow. Attempting to store a number with magnitude larger than supported range"),
  },
  {
    name: "empty AttributeValue in Key",
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq({ pk: {} }),
    expect: validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  },

  // ---- request constraints and JSON types
  {
    name: "empty request", // DL test/getItem.js:57-64
    op: "GetItem",
    request: {},
    expect: validation(violations(violation(null, "key", NOT_NULL), violation(null, "tableName", NOT_NULL))),
  },
  {
    name: "ConsistentRead as a number",
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq(pk("a"), { ConsistentRead: 23 }),
    expect: serialization("NUMBER_VALUE cannot be converted to Boolean"),
  },
  {
    name: "ConsistentRead as a list",
    setup: [HASH_TABLE],
    op: "GetItem",
    request: getReq(pk("a"), { ConsistentRead: [] }),
    expect: serialization("Unrecognized collection type class java.lang.Boolean"),
  },
  {
    name: "Key as a list",
    setup: [HASH_TABLE],
    op: "GetItem",
    request: { TableName: TABLE, Key: [] },
    expect: serialization(
      "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>",
    ),
  },
];

conformance("GetItem", cases);
