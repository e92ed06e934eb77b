/**
 * BatchWriteItem conformance: RequestItems shape and limits, Put/Delete request shape, item
 * validation (before the table lookup), unknown tables, key schema, duplicates (after the table
 * lookup), UnprocessedItems always present, ConsumedCapacity per table, GSI maintenance.
 * Sources: /work/notes/dynamodb-batch-transact.md §2 ("notes"), CONF = nubo-db/dynamodb-conformance
 * (real AWS 2026), DL = dynalite test/batchWriteItem.js (real AWS 2013-2020), DX = dynoxide.
 */
import {
  ANY,
  HASH_TABLE,
  INVALID,
  NOT_NULL,
  PAIRS,
  PAIRS_TABLE,
  TABLE,
  anyOf,
  conformance,
  expectItem,
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
  type Step,
} from "./runner.js";

type Obj = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const P = (item: Obj) => ({ PutRequest: { Item: item } });
const D = (key: Obj) => ({ DeleteRequest: { Key: key } });
const pair = (p: string, sk: string, extra: Obj = {}) => ({ pk: S(p), sk: N(sk), ...extra });
const batch = (items: Obj, extra: Obj = {}) => ({ RequestItems: items, ...extra });

/** Table "indexed": hash key pk (S), GSI "byG" on g (S), projecting ALL. */
const INDEXED = "indexed";
const INDEXED_TABLE: Step = {
  op: "CreateTable",
  body: {
    TableName: INDEXED,
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "g", AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    GlobalSecondaryIndexes: [{ IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }],
    BillingMode: "PAY_PER_REQUEST",
  },
};
const setup = [HASH_TABLE, PAIRS_TABLE];
const UNPROCESSED = { UnprocessedItems: {} };

/** "Map value must satisfy constraint" on requestItems: the value dump is unstable (CONF comment). */
const MAP_VALUE = re(
  /^1 validation error detected: Value '\{.+\}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: \[Member must have length less than or equal to 25, Member must have length greater than or equal to 1\]$/s,
);
const SCHEMA = "The provided key element does not match the schema";
const DUPLICATES = "Provided list of item keys contains duplicates";
const many = (n: number, prefix = "k") => Array.from({ length: n }, (_, i) => P({ pk: S(`${prefix}${i}`) }));
const BIG = "a".repeat(400 * 1024);

/** Validation of a PutRequest item, which real DynamoDB does before the table lookup (DL :202-343). */
const badItem = (name: string, item: Obj, message: string): Case => ({
  name,
  setup,
  op: "BatchWriteItem",
  request: batch({ [TABLE]: [P(pk("ok")), P(item)] }),
  expect: validation(message),
});

const cases: Case[] = [
  // ---- success (notes §2 Response)
  {
    name: "puts and deletes over two tables answer exactly {UnprocessedItems: {}}", // DL :434
    setup: [...setup, put({ ...pk("gone"), x: S("1") }), put({ ...pk("old"), x: S("old") })],
    op: "BatchWriteItem",
    request: batch({
      [TABLE]: [P({ ...pk("new"), x: S("n") }), D(pk("gone")), P({ ...pk("old"), y: N("2") })],
      [PAIRS]: [P(pair("p", "1", { v: S("v") }))],
    }),
    expect: ok(UNPROCESSED),
    after: [
      expectItem(pk("new"), { ...pk("new"), x: S("n") }),
      expectItem(pk("gone")),
      expectItem(pk("old"), { ...pk("old"), y: N("2") }), // a Put replaces the whole item
      expectItem({ pk: S("p"), sk: N("1") }, pair("p", "1", { v: S("v") }), PAIRS),
    ],
  },
  {
    name: "deleting a missing item succeeds",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [D(pk("nothing"))] }),
    expect: ok(UNPROCESSED),
  },
  {
    name: "exactly 25 requests in one table",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: many(25) }),
    expect: ok(UNPROCESSED),
    after: [expectItem(pk("k0"), pk("k0")), expectItem(pk("k24"), pk("k24"))],
  },
  {
    name: "the same key in two different tables is not a duplicate",
    setup: [HASH_TABLE, INDEXED_TABLE],
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P(pk("same"))], [INDEXED]: [P(pk("same"))] }),
    expect: ok(UNPROCESSED),
    after: [expectItem(pk("same"), pk("same")), expectItem(pk("same"), pk("same"), INDEXED)],
  },
  {
    name: "same hash key with different range keys is not a duplicate",
    setup,
    op: "BatchWriteItem",
    request: batch({ [PAIRS]: [P(pair("p", "1")), P(pair("p", "2")), D({ pk: S("p"), sk: N("3") })] }),
    expect: ok(UNPROCESSED),
    after: [expectItem({ pk: S("p"), sk: N("2") }, pair("p", "2"), PAIRS)],
  },
  {
    name: "puts and deletes keep a GSI up to date",
    setup: [INDEXED_TABLE, put({ ...pk("a"), g: S("old") }, INDEXED), put({ ...pk("b"), g: S("old") }, INDEXED)],
    op: "BatchWriteItem",
    request: batch({ [INDEXED]: [P({ ...pk("a"), g: S("new") }), D(pk("b")), P({ ...pk("c"), g: S("new") }), P(pk("d"))] }),
    expect: ok(UNPROCESSED),
    after: [
      {
        op: "Query",
        body: { TableName: INDEXED, IndexName: "byG", KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": S("old") } },
        expect: ok({ Items: [], Count: 0, ScannedCount: 0 }),
      },
      {
        op: "Query",
        body: { TableName: INDEXED, IndexName: "byG", KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": S("new") } },
        expect: ok({ Items: unordered({ ...pk("a"), g: S("new") }, { ...pk("c"), g: S("new") }), Count: 2, ScannedCount: 2 }),
      },
    ],
  },
  {
    // DL :512-582: one entry per table; a delete is charged on the old item's size.
    name: "ReturnConsumedCapacity TOTAL lists each table",
    setup: [...setup, put({ ...pk("big"), b: S("b".repeat(1500)) })],
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [D(pk("big")), P(pk("small"))], [PAIRS]: [P(pair("p", "1"))] }, { ReturnConsumedCapacity: "TOTAL" }),
    expect: ok({
      UnprocessedItems: {},
      ConsumedCapacity: unordered({ CapacityUnits: 3, TableName: TABLE }, { CapacityUnits: 1, TableName: PAIRS }),
    }),
  },
  {
    name: "ReturnConsumedCapacity INDEXES adds Table per entry", // DL :522-525
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P(pk("a")), P(pk("b"))], [PAIRS]: [P(pair("p", "1"))] }, { ReturnConsumedCapacity: "INDEXES" }),
    expect: ok({
      UnprocessedItems: {},
      ConsumedCapacity: unordered(
        { CapacityUnits: 2, Table: { CapacityUnits: 2 }, TableName: TABLE },
        { CapacityUnits: 1, Table: { CapacityUnits: 1 }, TableName: PAIRS },
      ),
    }),
  },
  {
    // ItemCollectionMetrics only for tables with an LSI (DX emulation; UNVERIFIED but plausible).
    name: "ReturnItemCollectionMetrics SIZE on a table without an LSI adds nothing",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P(pk("a"))] }, { ReturnItemCollectionMetrics: "SIZE", ReturnConsumedCapacity: "NONE" }),
    expect: ok(UNPROCESSED),
  },

  // ---- RequestItems (notes §2 Validation messages)
  {
    name: "missing RequestItems", // DL :67-72 (2013-2020; 2026 form UNVERIFIED)
    setup,
    op: "BatchWriteItem",
    request: {},
    expect: validation(violations(violation(null, "requestItems", NOT_NULL))),
  },
  {
    name: "missing RequestItems and bad enums are listed together", // DL :74-83
    setup,
    op: "BatchWriteItem",
    request: { ReturnConsumedCapacity: "hi", ReturnItemCollectionMetrics: "hi" },
    expect: validation(
      violations(
        violation("hi", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"),
        violation("hi", "returnItemCollectionMetrics", "Member must satisfy enum value set: [SIZE, NONE]"),
        violation(null, "requestItems", NOT_NULL),
      ),
    ),
  },
  {
    name: "empty RequestItems", // CONF tier3/error-messages/batchWriteItem.test.ts:18-29 (2026)
    setup,
    op: "BatchWriteItem",
    request: batch({}),
    expect: validation("The requestItems parameter is required for BatchWriteItem"),
  },
  {
    name: "bad ReturnConsumedCapacity",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P(pk("a"))] }, { ReturnConsumedCapacity: "hi" }),
    expect: validation(violations(violation("hi", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"))),
  },
  {
    name: "empty list for a table", // DL :92-104
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [] }),
    expect: validation(MAP_VALUE),
  },
  {
    name: "26 requests in one table", // CONF tier3/error-messages/batchWriteItem.test.ts:31-60 (anchored regex)
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: many(26) }),
    expect: validation(MAP_VALUE),
  },
  {
    // AWS docs: "There are more than 25 requests in the batch" is a ValidationException; the
    // exact text for the multi-table case is UNVERIFIED, so only the type is pinned.
    name: "26 requests over two tables",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: many(13), [PAIRS]: Array.from({ length: 13 }, (_, i) => P(pair("p", String(i)))) }),
    expect: validation(ANY),
  },
  {
    name: "25 requests over two tables succeed",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: many(13), [PAIRS]: Array.from({ length: 12 }, (_, i) => P(pair("p", String(i)))) }),
    expect: ok(UNPROCESSED),
  },
  {
    // DL :128-136 (2013-2020): the map key is validated with a "Map keys must satisfy" envelope.
    // DX CHANGELOG notes the length bounds changed per operation in 2026, so only the pattern part
    // is pinned here.
    name: "table name with a bad character",
    setup,
    op: "BatchWriteItem",
    request: batch({ "a!b": [P(pk("a"))] }),
    expect: validation(
      re(/^1 validation error detected: Value '\{.+\}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: \[.*Member must satisfy regular expression pattern: \[a-zA-Z0-9_\.-\]\+\]$/s),
    ),
  },

  // ---- WriteRequest shape
  {
    name: "a WriteRequest with neither Put nor Delete", // DL :106-110: real DynamoDB's own (odd) words
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [{}] }),
    expect: validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
  },
  {
    // DL :130-147: two null-member violations, 1-based member index.
    name: "a WriteRequest with empty PutRequest and DeleteRequest",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [{ PutRequest: {}, DeleteRequest: {} }] }),
    expect: validation(
      violations(
        violation(null, `requestItems.${TABLE}.member.1.member.deleteRequest.key`, NOT_NULL),
        violation(null, `requestItems.${TABLE}.member.1.member.putRequest.item`, NOT_NULL),
      ),
    ),
  },
  {
    name: "PutRequest without Item",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [{ PutRequest: {} }] }),
    expect: validation(violations(violation(null, `requestItems.${TABLE}.member.1.member.putRequest.item`, NOT_NULL))),
  },
  {
    name: "DeleteRequest without Key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [{ DeleteRequest: {} }] }),
    expect: validation(violations(violation(null, `requestItems.${TABLE}.member.1.member.deleteRequest.key`, NOT_NULL))),
  },
  {
    // Coral paths number list members from 1 by position (DL :130-147 shows member.1 for the
    // first entry); the second entry is member.2. Inferred from the path convention.
    name: "the null-member path names the entry's position",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P(pk("a")), { PutRequest: {} }] }),
    expect: validation(violations(violation(null, `requestItems.${TABLE}.member.2.member.putRequest.item`, NOT_NULL))),
  },

  // ---- item validation (DL :202-343), before the table lookup
  badItem("empty AttributeValue in an item", { ...pk("a"), x: {} }, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  badItem("two datatypes in an AttributeValue", { ...pk("a"), x: { S: "a", N: "1" } }, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
  badItem("empty string set", { ...pk("a"), x: { SS: [] } }, INVALID + "An string set  may not be empty"),
  badItem("empty number set", { ...pk("a"), x: { NS: [] } }, INVALID + "An number set  may not be empty"),
  badItem("duplicate string set members", { ...pk("a"), x: { SS: ["a", "a"] } }, INVALID + "Input collection [a, a] contains duplicates."),
  badItem("duplicate number set members", { ...pk("a"), x: { NS: ["1", "1"] } }, "Input collection contains duplicates"),
  badItem("not a number", { ...pk("a"), x: N("b") }, "The parameter cannot be converted to a numeric value: b"),
  badItem("39 significant digits", { ...pk("a"), x: N("123456789012345678901234567890123456789") }, "Attempting to store more than 38 significant digits in a Number"),
  badItem("number overflow", { ...pk("a"), x: N("1e126") }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
  badItem("item over 400 KB", { ...pk("a"), x: S(BIG) }, "Item size has exceeded the maximum allowed size"),
  {
    name: "item validation comes before the table lookup", // DL :202-210
    setup,
    op: "BatchWriteItem",
    request: batch({ nope: [P({ ...pk("a"), x: {} })] }),
    expect: validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  },
  {
    name: "item size is checked before the table lookup", // DL :253-343
    setup,
    op: "BatchWriteItem",
    request: batch({ nope: [P({ ...pk("a"), x: S(BIG) })] }),
    expect: validation("Item size has exceeded the maximum allowed size"),
  },
  {
    // Inferred from DL: schema-free validation of the whole request runs before any table lookup
    // (dynalite's validations/ pass, matching every single-table capture above). Here the missing
    // table comes first in the map and the bad item is in another table.
    name: "item validation in a later table comes before a missing earlier table",
    setup,
    op: "BatchWriteItem",
    request: batch({ nope: [P(pk("a"))], [TABLE]: [P({ ...pk("a"), x: {} })] }),
    expect: validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  },

  // ---- tables (notes §2: unknown table, then duplicates)
  {
    name: "unknown table", // CONF tier3/error-messages/batchWriteItem.test.ts:84-105
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P(pk("a"))], nope: [P(pk("a"))] }),
    expect: notFound(),
  },
  {
    name: "exactly 25 requests on a missing table", // DL :162-169
    setup,
    op: "BatchWriteItem",
    request: batch({ nope: many(25) }),
    expect: notFound(),
  },
  {
    name: "duplicates on a missing table are ResourceNotFound", // DL :171-175
    setup,
    op: "BatchWriteItem",
    request: batch({ nope: [P({ ...pk("a"), c: S("c") }), D(pk("a"))] }),
    expect: notFound(),
  },
  {
    name: "an empty item on a missing table is ResourceNotFound", // DL :337-342: key checks follow the lookup
    setup,
    op: "BatchWriteItem",
    request: batch({ nope: [P({})] }),
    expect: notFound(),
  },

  // ---- duplicates (CONF tier3 batchWriteItem.test.ts:62-82; tier1 validation.test.ts:51-63; DL :177-189)
  {
    name: "Put then Delete of the same item",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P({ ...pk("a"), c: S("c") }), D(pk("a"))] }),
    expect: validation(DUPLICATES),
  },
  {
    name: "Delete then Put of the same item",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [D(pk("a")), P({ ...pk("a"), c: S("c") })] }),
    expect: validation(DUPLICATES),
  },
  {
    name: "Put twice of the same item",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P(pk("a")), P(pk("b")), P({ ...pk("a"), x: N("1") })] }),
    expect: validation(DUPLICATES),
  },
  {
    name: "Delete twice of the same hash and range key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [PAIRS]: [D({ pk: S("p"), sk: N("1") }), D({ sk: N("1.0"), pk: S("p") })] }),
    expect: validation(DUPLICATES),
  },

  // ---- key schema (DL :352-402; DX CHANGELOG #97: the batch collapses type mismatches into SCHEMA)
  {
    name: "Put with a wrong-type hash key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P({ pk: N("1") })] }),
    expect: validation(SCHEMA),
  },
  {
    name: "Put with a non-scalar hash key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P({ pk: { SS: ["a"] } })] }),
    expect: validation(SCHEMA),
  },
  {
    name: "Put without the hash key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P({ b: S("a") })] }),
    expect: validation(SCHEMA),
  },
  {
    name: "Put without the range key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [PAIRS]: [P({ pk: S("a") })] }),
    expect: validation(SCHEMA),
  },
  {
    name: "Delete with an extra key attribute",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [D({ ...pk("a"), x: S("1") })] }),
    expect: validation(SCHEMA),
  },
  {
    name: "Delete with an empty key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [D({})] }),
    expect: validation(SCHEMA),
  },
  {
    name: "GSI key of the wrong type", // DL :380-386
    setup: [INDEXED_TABLE],
    op: "BatchWriteItem",
    request: batch({ [INDEXED]: [P({ ...pk("a"), g: N("1") })] }),
    expect: validation(INVALID + "Type mismatch for Index Key g Expected: S Actual: N IndexName: byG"),
  },
  {
    name: "hash key over 2048 bytes", // DL :388-394 (no space in "of2048")
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P({ pk: S("a".repeat(2049)) })] }),
    expect: validation(INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
  },
  {
    name: "range key over 1024 bytes", // DL :396-402
    setup: [HASH_TABLE, { op: "CreateTable", body: { TableName: "ranged", AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }], BillingMode: "PAY_PER_REQUEST" } }],
    op: "BatchWriteItem",
    request: batch({ ranged: [P({ pk: S("a"), sk: S("a".repeat(1025)) })] }),
    expect: validation(INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"),
  },
  {
    // DX CHANGELOG #97: "The empty-string table-key message ... already matched" for batch puts.
    name: "Put with an empty-string hash key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P({ pk: S("") })] }),
    expect: validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"),
  },
  {
    // Lookup-key wording: DL (2013-2020) "were invalid:"; DX #98 (2026) says the "are not valid."
    // form applies on batch lookup paths too. Either is accepted.
    name: "Delete with an empty-string hash key",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [D({ pk: S("") })] }),
    expect: validation(
      anyOf(
        "One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
      ),
    ),
  },
  {
    name: "one bad request fails the whole batch, writing nothing",
    setup,
    op: "BatchWriteItem",
    request: batch({ [TABLE]: [P(pk("a")), P(pk("b"))], [PAIRS]: [P({ pk: S("p") })] }),
    expect: validation(SCHEMA),
    after: [expectItem(pk("a"))],
  },
];

conformance("BatchWriteItem", cases);
