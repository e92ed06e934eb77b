/**
 * PutItem conformance: item/key rules, the ten attribute types, numbers, sets, nesting, sizes,
 * ReturnValues and ReturnConsumedCapacity. Conditions are in expressions.test.ts. Sources:
 * /work/notes/dynamodb-messages.md §5, §7 ("notes"), dynalite test/putItem.js ("DL"), NC/PS (real
 * AWS 2026).
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
  expectItem,
  notFound,
  ok,
  pk,
  put,
  serialization,
  unordered,
  validation,
  violation,
  violations,
  type Case,
} from "./runner.js";

const putReq = (item: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  TableName: TABLE,
  Item: item,
  ...extra,
});
/** A PutItem case expecting a ValidationException for attribute x = value. */
const badValue = (name: string, value: unknown, message: string): Case => ({
  name,
  setup: [HASH_TABLE],
  op: "PutItem",
  request: putReq({ ...pk("k"), x: value }),
  expect: validation(message),
});
/** A PutItem case storing x = value and reading back x = stored. */
const roundTrip = (name: string, value: unknown, stored: unknown = value): Case => ({
  name,
  setup: [HASH_TABLE],
  op: "PutItem",
  request: putReq({ ...pk("k"), x: value }),
  expect: ok({}),
  after: [expectItem(pk("k"), { ...pk("k"), x: stored })],
});

/** value wrapped in `levels` single-entry lists/maps alternately. */
function nest(levels: number): unknown {
  let v: unknown = { S: "leaf" };
  for (let i = 0; i < levels; i++) v = i % 2 === 0 ? { L: [v] } : { M: { m: v } };
  return v;
}

const NUMBER_CANON: Array<[string, string]> = [
  // DL test/putItem.js:600-627, 687-697 (real DynamoDB); NC limits/numberPrecision.test.ts:167-366
  ["0000012345678901234567890123456789012345678", "12345678901234567890123456789012345678"],
  ["-00001.23456789012345678901234567890123456780000", "-1.2345678901234567890123456789012345678"],
  ["0009.99999999999999999999999999999999999990000e125", "9".repeat(38) + "0".repeat(88)],
  ["0001.000e-130", "0." + "0".repeat(129) + "1"],
  ["-0001.000e-130", "-0." + "0".repeat(129) + "1"],
  ["-0015.789e6", "-15789000"],
  ["00042", "42"],
  ["1.0", "1"],
  ["3.1400", "3.14"],
  ["1.5E2", "150"],
  ["1E+2", "100"],
  ["-0", "0"],
  ["0.000", "0"],
  [".5", "0.5"],
];

const SIZE_LIMIT = 409600; // bytes; notes §5.2 item 4 (DL test/putItem.js:228-238)
// {pk: "k", a: <s>}: "pk" (2) + "k" (1) + "a" (1) + s
const sized = (total: number) => ({ ...pk("k"), a: { S: "x".repeat(total - 4) } });

const STR_RANGE = createTable("strs", { name: "sk", type: "S" });
const BIN_RANGE = createTable("bins", { name: "sk", type: "B" });

const cases: Case[] = [
  // ---- basic writes
  {
    name: "new item",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq({ ...pk("a"), x: { S: "1" } }),
    expect: ok({}),
    after: [expectItem(pk("a"), { ...pk("a"), x: { S: "1" } })],
  },
  {
    name: "put replaces the whole item",
    setup: [HASH_TABLE, put({ ...pk("a"), x: { S: "1" }, y: { N: "2" } })],
    op: "PutItem",
    request: putReq({ ...pk("a"), z: { BOOL: true } }),
    expect: ok({}),
    after: [expectItem(pk("a"), { ...pk("a"), z: { BOOL: true } })],
  },
  {
    name: "composite key items are distinct per range key",
    setup: [PAIRS_TABLE, put({ ...pk("a"), sk: { N: "1" }, v: { S: "one" } }, PAIRS)],
    op: "PutItem",
    request: { TableName: PAIRS, Item: { ...pk("a"), sk: { N: "2" }, v: { S: "two" } } },
    expect: ok({}),
    after: [
      expectItem({ ...pk("a"), sk: { N: "1" } }, { ...pk("a"), sk: { N: "1" }, v: { S: "one" } }, PAIRS),
      expectItem({ ...pk("a"), sk: { N: "2" } }, { ...pk("a"), sk: { N: "2" }, v: { S: "two" } }, PAIRS),
    ],
  },
  {
    name: "numeric keys compare by value: 1.0 and 1 are the same key", // notes §7.3
    setup: [createTable("nums", undefined, "N"), put({ pk: { N: "1.0" }, v: { S: "first" } }, "nums")],
    op: "PutItem",
    request: { TableName: "nums", Item: { pk: { N: "1" }, v: { S: "second" } }, ReturnValues: "ALL_OLD" },
    expect: ok({ Attributes: { pk: { N: "1" }, v: { S: "first" } } }),
    after: [expectItem({ pk: { N: "100e-2" } }, { pk: { N: "1" }, v: { S: "second" } }, "nums")],
  },

  // ---- the ten attribute types round-trip (notes §7)
  {
    name: "all ten attribute types round-trip",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq({
      ...pk("all"),
      s: { S: "héllo ☃ 😀" },
      n: { N: "-12.5" },
      b: { B: "AAEC/w==" },
      bool: { BOOL: false },
      nul: { NULL: true },
      ss: { SS: ["b", "a", "c"] },
      ns: { NS: ["3", "-1", "2.5"] },
      bs: { BS: ["AQ==", "Ag=="] },
      l: { L: [{ S: "x" }, { N: "1" }, { L: [] }, { M: {} }, { NULL: true }] },
      m: { M: { inner: { M: { deep: { SS: ["z"] } } }, "": { S: "empty name" } } },
    }),
    expect: ok({}),
    after: [
      {
        op: "GetItem",
        body: { TableName: TABLE, Key: pk("all") },
        expect: ok({
          Item: {
            ...pk("all"),
            s: { S: "héllo ☃ 😀" },
            n: { N: "-12.5" },
            b: { B: "AAEC/w==" },
            bool: { BOOL: false },
            nul: { NULL: true },
            ss: { SS: unordered("a", "b", "c") },
            ns: { NS: unordered("3", "-1", "2.5") },
            bs: { BS: unordered("AQ==", "Ag==") },
            l: { L: [{ S: "x" }, { N: "1" }, { L: [] }, { M: {} }, { NULL: true }] },
            m: { M: { inner: { M: { deep: { SS: ["z"] } } }, "": { S: "empty name" } } },
          },
        }),
      },
    ],
  },
  // empty values outside keys are stored as sent (DL test/putItem.js:575-598; NC limits/emptyValues)
  roundTrip("empty string value", { S: "" }),
  roundTrip("empty binary value", { B: "" }),
  roundTrip("empty string in a string set", { SS: [""] }),
  roundTrip("empty string inside a list", { L: [{ S: "" }] }),
  // numbers come back in canonical plain decimal form (notes §7.3)
  ...NUMBER_CANON.map(([sent, back]) => roundTrip(`number ${sent.length > 20 ? sent.slice(0, 20) + "…" : sent} is stored as ${back.length > 20 ? back.slice(0, 20) + "…" : back}`, { N: sent }, { N: back })),
  roundTrip("number set members are canonicalised", { NS: ["1.50"] }, { NS: ["1.5"] }),
  roundTrip("38 significant digits", { N: "1234567890123456789012345678901234567.8" }),
  roundTrip("38 significant digits with trailing zeros beyond", { N: "12345678901234567890123456789012345678000" }),

  // ---- number errors (notes §7.3; DL test/putItem.js:204-221)
  badValue("empty number", { N: "" }, "The parameter cannot be converted to a numeric value"),
  badValue("number that is not a number", { N: "b" }, "The parameter cannot be converted to a numeric value: b"),
  badValue("number with a leading space", { N: " 1" }, "The parameter cannot be converted to a numeric value:  1"),
  badValue("hex number", { N: "0x10" }, "The parameter cannot be converted to a numeric value: 0x10"),
  badValue("NaN", { N: "NaN" }, "The parameter cannot be converted to a numeric value: NaN"),
  badValue("Infinity", { N: "Infinity" }, "The parameter cannot be converted to a numeric value: Infinity"),
  badValue("39 significant digits", { N: "123456789012345678901234567890123456789" }, "Attempting to store more than 38 significant digits in a Number"),
  badValue("39 significant digits, negative decimal", { N: "-1.23456789012345678901234567890123456789" }, "Attempting to store more than 38 significant digits in a Number"),
  badValue("overflow 1e126", { N: "1e126" }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
  badValue("overflow -1e126", { N: "-1e126" }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
  badValue("overflow with a huge exponent", { N: "1e2147483647" }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
  badValue("underflow 1e-131", { N: "1e-131" }, "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
  badValue("underflow -1e-131", { N: "-1e-131" }, "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
  badValue("number error inside a number set", { NS: ["1", "x"] }, "The parameter cannot be converted to a numeric value: x"),
  badValue("number error nested in a map", { M: { a: { L: [{ N: "1e126" }] } } }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),

  // ---- AttributeValue shape (notes §7.2; DL test/putItem.js:172-226)
  badValue("empty AttributeValue", {}, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  badValue("AttributeValue with only an unknown member", { a: "" }, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  badValue("empty AttributeValue nested in a list", { L: [{}] }, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  badValue("two data types", { S: "a", BOOL: true }, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
  badValue("two data types, one invalid: the member's error wins", { S: "a", N: "b" }, "The parameter cannot be converted to a numeric value: b"),
  badValue("NULL false", { NULL: false }, INVALID + "Null attribute value types must have the value of true"),
  // two spaces before "may" are AWS's (DL test/putItem.js:185-202; NC 2026 exact)
  badValue("empty string set", { SS: [] }, INVALID + "An string set  may not be empty"),
  badValue("empty number set", { NS: [] }, INVALID + "An number set  may not be empty"),
  badValue("empty binary set", { BS: [] }, INVALID + "Binary sets should not be empty"),
  badValue("duplicate string set members", { SS: ["a", "a"] }, INVALID + "Input collection [a, a] contains duplicates."),
  // no space before "of" (DL test/putItem.js:191-192)
  badValue("duplicate binary set members", { BS: ["Yg==", "Yg=="] }, INVALID + "Input collection [Yg==, Yg==]of type BS contains duplicates."),
  // NS: no prefix, no full stop (DL test/putItem.js:211)
  badValue("duplicate number set members", { NS: ["1", "1"] }, "Input collection contains duplicates"),
  badValue("number set members equal by value", { NS: ["1", "1.0"] }, "Input collection contains duplicates"),

  // ---- nesting: 32 levels counting the attribute itself (notes §7.2; PS limits/nestingDepth, 2026)
  roundTrip("31 nested levels around a scalar", nest(31)),
  badValue("32 nested levels around a scalar", nest(32), "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"),

  // ---- item size (notes §5.2 item 4)
  {
    name: "item of exactly 400 KB",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(sized(SIZE_LIMIT)),
    expect: ok({}),
    after: [{ op: "GetItem", body: { TableName: TABLE, Key: pk("k"), ProjectionExpression: "pk" }, expect: ok({ Item: pk("k") }) }],
  },
  {
    name: "item one byte over 400 KB",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(sized(SIZE_LIMIT + 1)),
    expect: validation("Item size has exceeded the maximum allowed size"),
  },
  {
    name: "item size counts UTF-8 bytes",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq({ ...pk("k"), a: { S: "é".repeat((SIZE_LIMIT - 4) / 2) + "é" } }),
    expect: validation("Item size has exceeded the maximum allowed size"),
  },
  {
    name: "item too big on a missing table is still a ValidationException", // DL test/putItem.js:228-238
    op: "PutItem",
    request: putReq(sized(SIZE_LIMIT + 1)),
    expect: validation("Item size has exceeded the maximum allowed size"),
  },

  // ---- keys (notes §5.2 item 7)
  {
    name: "missing table", // "Requested resource not found", no table name (DL test/putItem.js:472-475)
    op: "PutItem",
    request: putReq(pk("a")),
    expect: notFound(),
  },
  {
    name: "empty Item on a missing table", // DL test/putItem.js:472-475
    op: "PutItem",
    request: putReq({}),
    expect: notFound(),
  },
  {
    name: "missing hash key",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq({ x: { S: "a" } }),
    expect: validation(INVALID + "Missing the key pk in the item"),
  },
  {
    name: "missing range key",
    setup: [PAIRS_TABLE],
    op: "PutItem",
    request: { TableName: PAIRS, Item: pk("a") },
    expect: validation(INVALID + "Missing the key sk in the item"),
  },
  {
    name: "hash key of the wrong type",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq({ pk: { N: "1" } }),
    expect: validation(INVALID + "Type mismatch for key pk expected: S actual: N"),
  },
  {
    name: "range key given as a set",
    setup: [PAIRS_TABLE],
    op: "PutItem",
    request: { TableName: PAIRS, Item: { ...pk("a"), sk: { NS: ["1"] } } },
    expect: validation(INVALID + "Type mismatch for key sk expected: N actual: NS"),
  },
  {
    // "are not valid." on PutItem (DL test/putItem.js:504-512)
    name: "empty string hash key",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq({ pk: { S: "" } }),
    expect: validation(
      "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
    ),
  },
  {
    name: "empty binary range key", // PS 2026 binary case
    setup: [BIN_RANGE],
    op: "PutItem",
    request: { TableName: "bins", Item: { ...pk("a"), sk: { B: "" } } },
    expect: validation(
      "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk",
    ),
  },
  {
    name: "hash key of 2048 bytes",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("h".repeat(2048))),
    expect: ok({}),
  },
  {
    // no space in "of2048" (DL test/putItem.js:525-530)
    name: "hash key of 2049 bytes",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("h".repeat(2049))),
    expect: validation(INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
  },
  {
    name: "range key of 1024 bytes",
    setup: [STR_RANGE],
    op: "PutItem",
    request: { TableName: "strs", Item: { ...pk("a"), sk: { S: "r".repeat(1024) } } },
    expect: ok({}),
  },
  {
    name: "range key of 1025 bytes", // DL test/putItem.js:532-537
    setup: [STR_RANGE],
    op: "PutItem",
    request: { TableName: "strs", Item: { ...pk("a"), sk: { S: "r".repeat(1025) } } },
    expect: validation(INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"),
  },

  // ---- ReturnValues (notes §5.2 item 3, §5.3)
  {
    name: "ALL_OLD over an existing item",
    setup: [HASH_TABLE, put({ ...pk("a"), x: { N: "1" } })],
    op: "PutItem",
    request: putReq({ ...pk("a"), x: { N: "2" } }, { ReturnValues: "ALL_OLD" }),
    expect: ok({ Attributes: { ...pk("a"), x: { N: "1" } } }),
  },
  {
    name: "ALL_OLD for a new item", // DL test/putItem.js:677-701
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("a"), { ReturnValues: "ALL_OLD" }),
    expect: ok({}),
  },
  {
    name: "NONE",
    setup: [HASH_TABLE, put(pk("a"))],
    op: "PutItem",
    request: putReq(pk("a"), { ReturnValues: "NONE" }),
    expect: ok({}),
  },
  {
    name: "ReturnValues ALL_NEW", // DL test/putItem.js:335-340
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("a"), { ReturnValues: "ALL_NEW" }),
    expect: validation("ReturnValues can only be ALL_OLD or NONE"),
  },
  {
    name: "ReturnValues outside the enum",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("a"), { ReturnValues: "SOME" }),
    expect: validation(
      `1 validation error detected: ${violation("SOME", "returnValues", "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]")}`,
    ),
  },

  // ---- ReturnConsumedCapacity (notes §5.3)
  {
    name: "ReturnConsumedCapacity TOTAL",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("a"), { ReturnConsumedCapacity: "TOTAL" }),
    expect: ok({ ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE } }),
  },
  {
    name: "ReturnConsumedCapacity INDEXES",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("a"), { ReturnConsumedCapacity: "INDEXES" }),
    expect: ok({ ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE, Table: { CapacityUnits: 1 } } }),
  },
  {
    // write units = ceil(size / 1024) of the larger of old and new (DL test/putItem.js:1475-1520)
    name: "capacity of a 2 KB put over a small item",
    setup: [HASH_TABLE, put(pk("k"))],
    op: "PutItem",
    request: putReq(sized(2048), { ReturnConsumedCapacity: "TOTAL" }),
    expect: ok({ ConsumedCapacity: { CapacityUnits: 2, TableName: TABLE } }),
  },
  {
    name: "capacity of a small put over a 3 KB item",
    setup: [HASH_TABLE, put(sized(3000))],
    op: "PutItem",
    request: putReq(pk("k"), { ReturnConsumedCapacity: "TOTAL", ReturnValues: "ALL_OLD" }),
    expect: ok({ Attributes: sized(3000), ConsumedCapacity: { CapacityUnits: 3, TableName: TABLE } }),
  },
  {
    name: "ReturnConsumedCapacity NONE",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("a"), { ReturnConsumedCapacity: "NONE" }),
    expect: ok({}),
  },
  {
    name: "ReturnConsumedCapacity outside the enum",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: putReq(pk("a"), { ReturnConsumedCapacity: "ALL" }),
    expect: validation(
      `1 validation error detected: ${violation("ALL", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]")}`,
    ),
  },

  // ---- request constraints (notes §5.1)
  {
    name: "empty request", // DL test/putItem.js:84-139
    op: "PutItem",
    request: {},
    expect: validation(violations(violation(null, "tableName", NOT_NULL), violation(null, "item", NOT_NULL))),
  },
  {
    name: "missing Item",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE },
    expect: validation(`1 validation error detected: ${violation(null, "item", NOT_NULL)}`),
  },
  {
    name: "TableName of 256 characters", // same in classic and 2026 (notes §5.1)
    op: "PutItem",
    request: { TableName: "a".repeat(256), Item: pk("a") },
    expect: validation(
      `1 validation error detected: ${violation("a".repeat(256), "tableName", "Member must have length less than or equal to 255")}`,
    ),
  },

  // ---- JSON types (notes §7.1)
  {
    name: "Item as a list",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE, Item: [] },
    expect: serialization(
      "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>",
    ),
  },
  {
    name: "Item as a string",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE, Item: "x" },
    expect: serialization("Unexpected field type"),
  },
  {
    name: "attribute value as a scalar",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE, Item: { pk: "a" } },
    expect: serialization("Unexpected value type in payload"),
  },
  {
    name: "S as a number",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE, Item: { pk: { S: 5 } } },
    expect: serialization("NUMBER_VALUE cannot be converted to String"),
  },
  {
    name: "B not a multiple of 4 base64 characters",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE, Item: { ...pk("a"), b: { B: "23456" } } },
    expect: serialization("Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
  },
  {
    name: "SS as a string",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE, Item: { ...pk("a"), s: { SS: "a" } } },
    expect: serialization("Unexpected field type"),
  },
  {
    name: "BOOL as a number",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE, Item: { ...pk("a"), b: { BOOL: 23 } } },
    expect: serialization("NUMBER_VALUE cannot be converted to Boolean"),
  },
];

conformance("PutItem", cases);
