/**
 * Query conformance: key conditions (=, <, <=, >, >=, BETWEEN, begins_with; parentheses, lowercase
 * `and`, value on the left), key-condition errors, legacy KeyConditions, FilterExpression/QueryFilter
 * (never on the queried key), ProjectionExpression/AttributesToGet, Select, Limit before the filter,
 * ScanIndexForward, ExclusiveStartKey/LastEvaluatedKey on tables and indexes, IndexName and
 * ConsistentRead, multi-attribute GSI keys. Sources: /work/notes/dynamodb-query-scan-indexes.md
 * ("notes §"), dynalite test/query.js ("DL", real DynamoDB captures), NC/DX/SC (2026, see notes).
 */
import {
  HASH_TABLE,
  INVALID,
  NOT_NULL,
  anyOf,
  conformance,
  createTable,
  notFound,
  ok,
  put,
  serialization,
  validation,
  violation,
  type Case,
  type Step,
} from "./runner.js";

type Item = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const pick = (item: Item, ...names: string[]): Item =>
  Object.fromEntries(names.filter((n) => n in item).map((n) => [n, item[n]]));

// ---- table "qtab": pk (S) + sk (N); partition "a" has sk 1..5, partition "b" one item
const QT = "qtab";
const qItem = (p: string, sk: number): Item => ({ pk: S(p), sk: N(String(sk)), x: N(String(sk * 10)), y: S(`y${sk}`) });
const A = [1, 2, 3, 4, 5].map((i) => qItem("a", i));
const B1 = qItem("b", 1);
const QT_SETUP: Step[] = [createTable(QT, { name: "sk", type: "N" }), ...A.map((i) => put(i, QT)), put(B1, QT)];
const q = (expr: string, values: Item, extra: Item = {}) => ({
  TableName: QT,
  KeyConditionExpression: expr,
  ExpressionAttributeValues: values,
  ...extra,
});
const V_A = { ":a": S("a") };
const page = (items: Item[], extra: Item = {}) => ok({ Items: items, Count: items.length, ScannedCount: items.length, ...extra });
const lek = (p: string, sk: number) => ({ LastEvaluatedKey: { pk: S(p), sk: N(String(sk)) } });

/** A Query on qtab expecting a ValidationException. */
const bad = (name: string, request: Item, message: string, extra: Partial<Case> = {}): Case => ({
  name,
  setup: QT_SETUP.slice(0, 2),
  op: "Query",
  request: { TableName: QT, ...request },
  expect: validation(message),
  ...extra,
});
const badKce = (name: string, expr: string, values: Item, message: string, extra: Partial<Case> = {}): Case =>
  bad(name, { KeyConditionExpression: expr, ExpressionAttributeValues: values }, message, extra);

// ---- table "stab": pk (S) + sk (S), for begins_with and UTF-8 order
const ST = "stab";
const S_KEYS = ["b", "ab", "aa", "a", "B", "A", "2", "10", "1"];
const ST_SETUP: Step[] = [createTable(ST, { name: "sk", type: "S" }), ...S_KEYS.map((k) => put({ pk: S("p"), sk: S(k) }, ST))];
const sItems = (...keys: string[]) => keys.map((k) => ({ pk: S("p"), sk: S(k) }));

// ---- table "itab": pk (S) + sk (N) with
//   byG   GSI  g (S) HASH, gr (N) RANGE, KEYS_ONLY
//   multi GSI  h1 (S), h2 (N) HASH; r1 (S), r2 (N) RANGE; INCLUDE [x]
//   byL   LSI  pk, l (S) RANGE, INCLUDE [x]
const IT = "itab";
const DEFS: Array<[string, string]> = [
  ["pk", "S"], ["sk", "N"], ["g", "S"], ["gr", "N"], ["h1", "S"], ["h2", "N"], ["r1", "S"], ["r2", "N"], ["l", "S"],
];
const ks = (...k: Array<[string, string]>) => k.map(([n, t]) => ({ AttributeName: n, KeyType: t }));
const CREATE_IT: Step = {
  op: "CreateTable",
  body: {
    TableName: IT,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: DEFS.map(([n, t]) => ({ AttributeName: n, AttributeType: t })),
    KeySchema: ks(["pk", "HASH"], ["sk", "RANGE"]),
    GlobalSecondaryIndexes: [
      { IndexName: "byG", KeySchema: ks(["g", "HASH"], ["gr", "RANGE"]), Projection: { ProjectionType: "KEYS_ONLY" } },
      {
        IndexName: "multi",
        KeySchema: ks(["h1", "HASH"], ["h2", "HASH"], ["r1", "RANGE"], ["r2", "RANGE"]),
        Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["x"] },
      },
    ],
    LocalSecondaryIndexes: [
      { IndexName: "byL", KeySchema: ks(["pk", "HASH"], ["l", "RANGE"]), Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["x"] } },
    ],
  },
};
const i1: Item = { pk: S("a"), sk: N("1"), g: S("G"), gr: N("30"), h1: S("H"), h2: N("1"), r1: S("A"), r2: N("2"), l: S("e"), x: N("1"), y: S("y1") };
const i2: Item = { pk: S("a"), sk: N("2"), g: S("G"), gr: N("10"), h1: S("H"), h2: N("1"), r1: S("A"), r2: N("10"), l: S("d"), x: N("2"), y: S("y2") };
const i3: Item = { pk: S("a"), sk: N("3"), g: S("G"), gr: N("20"), h1: S("H"), h2: N("1"), r1: S("B"), r2: N("1"), l: S("c"), x: N("3"), y: S("y3") };
const i4: Item = { pk: S("a"), sk: N("4"), h1: S("H"), h2: N("2"), r1: S("A"), r2: N("1"), l: S("b"), x: N("4"), y: S("y4") }; // no g: not in byG
const i5: Item = { pk: S("b"), sk: N("1"), g: S("G"), gr: N("25"), h1: S("H"), h2: N("1"), r1: S("A"), l: S("a"), x: N("5") }; // no r2: not in multi
const IT_SETUP: Step[] = [CREATE_IT, ...[i1, i2, i3, i4, i5].map((i) => put(i, IT))];
const byG = (i: Item) => pick(i, "g", "gr", "pk", "sk");
const multi = (i: Item) => pick(i, "h1", "h2", "r1", "r2", "pk", "sk", "x");
const byL = (i: Item) => pick(i, "pk", "sk", "l", "x");
const qi = (index: string, expr: string, values: Item, extra: Item = {}) => ({
  TableName: IT,
  IndexName: index,
  KeyConditionExpression: expr,
  ExpressionAttributeValues: values,
  ...extra,
});
const V_G = { ":g": S("G") };
const V_H = { ":h": S("H"), ":one": N("1") };
const MULTI_HASH = "h1 = :h AND h2 = :one";
const badIdx = (name: string, request: Item, message: string, extra: Partial<Case> = {}): Case => ({
  name,
  setup: [CREATE_IT],
  op: "Query",
  request: { TableName: IT, ...request },
  expect: validation(message),
  ...extra,
});

const cases: Case[] = [
  // ---------------------------------------------------------------------------------------------
  // Key conditions on a table (notes §1.2, §2.5)
  { name: "hash key only: the whole partition in sort-key order", setup: QT_SETUP, op: "Query", request: q("pk = :a", V_A), expect: page(A) },
  { name: "sort key =", setup: QT_SETUP, op: "Query", request: q("pk = :a AND sk = :v", { ...V_A, ":v": N("3") }), expect: page([A[2]!]) },
  { name: "sort key = with another number spelling", setup: QT_SETUP, op: "Query", request: q("pk = :a AND sk = :v", { ...V_A, ":v": N("3.00") }), expect: page([A[2]!]) },
  { name: "sort key <", setup: QT_SETUP, op: "Query", request: q("pk = :a AND sk < :v", { ...V_A, ":v": N("3") }), expect: page(A.slice(0, 2)) },
  { name: "sort key >", setup: QT_SETUP, op: "Query", request: q("pk = :a AND sk > :v", { ...V_A, ":v": N("3") }), expect: page(A.slice(3)) },
  { name: "sort key >=", setup: QT_SETUP, op: "Query", request: q("pk = :a AND sk >= :v", { ...V_A, ":v": N("3") }), expect: page(A.slice(2)) },
  {
    name: "sort key BETWEEN (inclusive)",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a AND sk BETWEEN :lo AND :hi", { ...V_A, ":lo": N("2"), ":hi": N("4") }),
    expect: page(A.slice(1, 4)),
  },
  {
    name: "BETWEEN with equal bounds",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a AND sk BETWEEN :v AND :v", { ...V_A, ":v": N("2") }),
    expect: page([A[1]!]),
  },
  {
    name: "bounds between stored values",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a AND sk BETWEEN :lo AND :hi", { ...V_A, ":lo": N("1.5"), ":hi": N("3.5") }),
    expect: page(A.slice(1, 3)),
  },
  {
    // dynamodb-toolbox v1 wraps every condition in parentheses; ElectroDB sends lowercase `and`
    name: "parenthesised conditions joined by lowercase and, with names",
    setup: QT_SETUP,
    op: "Query",
    request: q("(#p = :a) and (#s > :v)", { ...V_A, ":v": N("3") }, { ExpressionAttributeNames: { "#p": "pk", "#s": "sk" } }),
    expect: page(A.slice(3)),
  },
  {
    name: "the whole condition in one pair of parentheses",
    setup: QT_SETUP,
    op: "Query",
    request: q("(pk = :a AND sk >= :v)", { ...V_A, ":v": N("4") }),
    expect: page(A.slice(3)),
  },
  {
    name: "sort-key condition first, hash condition second",
    setup: QT_SETUP,
    op: "Query",
    request: q("sk < :v and pk = :a", { ...V_A, ":v": N("2") }),
    expect: page([A[0]!]),
  },
  {
    // value on the left is flipped: `:v <= sk` is `sk >= :v` (notes §1.2; DL validations/index.js:771-780; DX 2026)
    name: "value on the left of <=",
    setup: QT_SETUP,
    op: "Query",
    request: q(":v <= sk AND :a = pk", { ...V_A, ":v": N("4") }),
    expect: page(A.slice(3)),
  },
  { name: "value on the left of >=", setup: QT_SETUP, op: "Query", request: q("pk = :a AND :v >= sk", { ...V_A, ":v": N("2") }), expect: page(A.slice(0, 2)) },
  { name: "another partition", setup: QT_SETUP, op: "Query", request: q("pk = :b", { ":b": S("b") }), expect: page([B1]) },
  {
    name: "no match is an empty page", // notes §2.4: {Count: 0, Items: [], ScannedCount: 0} (DL test/query.js:1904-1923)
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :z", { ":z": S("zz") }),
    expect: ok({ Items: [], Count: 0, ScannedCount: 0 }),
  },
  {
    name: "numbers sort numerically", // notes §2.5 (DL test/query.js:2700-2738)
    setup: [QT_SETUP[0]!, ...["99.1", "-10.1", "0", "2", "-99.1", "10", "0.01"].map((n) => put({ pk: S("n"), sk: N(n) }, QT))],
    op: "Query",
    request: q("pk = :n", { ":n": S("n") }),
    expect: page(["-99.1", "-10.1", "0", "0.01", "2", "10", "99.1"].map((n) => ({ pk: S("n"), sk: N(n) }))),
  },
  {
    name: "strings sort by UTF-8 bytes", // notes §2.5 (DL test/query.js:2545-2567)
    setup: ST_SETUP,
    op: "Query",
    request: { TableName: ST, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": S("p") } },
    expect: page(sItems("1", "10", "2", "A", "B", "a", "aa", "ab", "b")),
  },
  {
    name: "binary sorts by unsigned bytes", // notes §2.5 (DL test/query.js:2740-2766)
    setup: [
      createTable("btab", { name: "sk", type: "B" }),
      ...["gA==", "AQ==", "/w==", "AA==", "fw=="].map((b) => put({ pk: S("p"), sk: { B: b } }, "btab")),
    ],
    op: "Query",
    request: { TableName: "btab", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": S("p") } },
    expect: page(["AA==", "AQ==", "fw==", "gA==", "/w=="].map((b) => ({ pk: S("p"), sk: { B: b } }))),
  },
  {
    name: "begins_with on a string sort key",
    setup: ST_SETUP,
    op: "Query",
    request: { TableName: ST, KeyConditionExpression: "pk = :p and begins_with(sk, :a)", ExpressionAttributeValues: { ":p": S("p"), ":a": S("a") } },
    expect: page(sItems("a", "aa", "ab")),
  },
  {
    name: "begins_with with a prefix that is a whole key and more",
    setup: ST_SETUP,
    op: "Query",
    request: { TableName: ST, KeyConditionExpression: "pk = :p and begins_with(sk, :a)", ExpressionAttributeValues: { ":p": S("p"), ":a": S("1") } },
    expect: page(sItems("1", "10")),
  },
  {
    name: "string range >",
    setup: ST_SETUP,
    op: "Query",
    request: { TableName: ST, KeyConditionExpression: "pk = :p and sk > :a", ExpressionAttributeValues: { ":p": S("p"), ":a": S("a") } },
    expect: page(sItems("aa", "ab", "b")),
  },
  {
    name: "hash-only table: Query by the hash key",
    setup: [HASH_TABLE, put({ pk: S("a"), v: N("1") }), put({ pk: S("b") })],
    op: "Query",
    request: { TableName: "items", KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A },
    expect: page([{ pk: S("a"), v: N("1") }]),
  },

  // ---------------------------------------------------------------------------------------------
  // ScanIndexForward, Limit, LastEvaluatedKey / ExclusiveStartKey (notes §1.7, §1.8, §2.1, §2.3)
  { name: "ScanIndexForward false: descending", setup: QT_SETUP, op: "Query", request: q("pk = :a", V_A, { ScanIndexForward: false }), expect: page([...A].reverse()) },
  {
    name: "descending with a range condition",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a and sk <= :v", { ...V_A, ":v": N("3") }, { ScanIndexForward: false }),
    expect: page([A[2]!, A[1]!, A[0]!]),
  },
  {
    name: "ScanIndexForward not a boolean", // notes §1.8 (DL test/query.js:66-68)
    setup: QT_SETUP.slice(0, 1),
    op: "Query",
    request: q("pk = :a", V_A, { ScanIndexForward: 23 }),
    expect: serialization("NUMBER_VALUE cannot be converted to Boolean"), // messages notes (Boolean field)
  },
  { name: "Limit 2: first page and LastEvaluatedKey", setup: QT_SETUP, op: "Query", request: q("pk = :a", V_A, { Limit: 2 }), expect: page(A.slice(0, 2), lek("a", 2)) },
  {
    name: "ExclusiveStartKey continues after the key",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", V_A, { Limit: 2, ExclusiveStartKey: { pk: S("a"), sk: N("2") } }),
    expect: page(A.slice(2, 4), lek("a", 4)),
  },
  {
    name: "last page has no LastEvaluatedKey",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", V_A, { Limit: 2, ExclusiveStartKey: { pk: S("a"), sk: N("4") } }),
    expect: page([A[4]!]),
  },
  {
    name: "ExclusiveStartKey need not be an existing item", // notes §3.2 (DL test/scan.js:2992-3033)
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", V_A, { ExclusiveStartKey: { pk: S("a"), sk: N("2.5") } }),
    expect: page(A.slice(2)),
  },
  {
    name: "descending pages with ExclusiveStartKey",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", V_A, { ScanIndexForward: false, Limit: 2, ExclusiveStartKey: { pk: S("a"), sk: N("4") } }),
    expect: page([A[2]!, A[1]!], lek("a", 2)),
  },
  {
    name: "ExclusiveStartKey with a range condition",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a and sk between :lo and :hi", { ...V_A, ":lo": N("2"), ":hi": N("4") }, { ExclusiveStartKey: { pk: S("a"), sk: N("2") } }),
    expect: page(A.slice(2, 4)),
  },
  {
    name: "Limit larger than the partition: no LastEvaluatedKey", // notes §2.3 (DL test/query.js:2495-2519)
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", V_A, { Limit: 6 }),
    expect: page(A),
  },
  {
    // notes §2.3: with Limit == items left AWS was seen both with and without a LastEvaluatedKey
    // (DL test/query.js:2495-2542); the engine returns one (like dynalite/DX).
    name: "Limit equal to the partition size",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", V_A, { Limit: 5 }),
    expect: { status: 200, body: anyOf({ Items: A, Count: 5, ScannedCount: 5 }, { Items: A, Count: 5, ScannedCount: 5, ...lek("a", 5) }) },
  },
  {
    name: "Limit counts items read before the filter", // notes §2.1 (DL test/query.js:2416-2449; NC 2026)
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", { ...V_A, ":v": N("20") }, { Limit: 3, FilterExpression: "x <> :v" }),
    expect: ok({ Items: [A[0]!, A[2]!], Count: 2, ScannedCount: 3, ...lek("a", 3) }),
  },
  {
    name: "a page can be empty and still carry a LastEvaluatedKey", // notes §2.1
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", { ...V_A, ":v": N("100") }, { Limit: 2, FilterExpression: "x > :v" }),
    expect: ok({ Items: [], Count: 0, ScannedCount: 2, ...lek("a", 2) }),
  },
  {
    name: "Select COUNT keeps the LastEvaluatedKey", // DL test/query.js:2451-2493
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", V_A, { Limit: 2, Select: "COUNT" }),
    expect: ok({ Count: 2, ScannedCount: 2, ...lek("a", 2) }),
  },
  // ExclusiveStartKey errors (notes §1.7)
  bad("ExclusiveStartKey missing the sort key", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: { pk: S("a") } }, "The provided starting key is invalid"),
  bad("ExclusiveStartKey with an extra attribute", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: { pk: S("a"), sk: N("1"), x: N("1") } }, "The provided starting key is invalid"),
  bad("empty ExclusiveStartKey", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: {} }, "The provided starting key is invalid"),
  bad(
    "ExclusiveStartKey with the wrong type", // DL test/query.js:1141-1232
    { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: { pk: S("a"), sk: S("1") } },
    "The provided key element does not match the schema",
  ),
  bad(
    "ExclusiveStartKey in another partition", // DL test/query.js:1639-1700
    { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: { pk: S("b"), sk: N("1") } },
    "The provided starting key is outside query boundaries based on provided conditions",
  ),
  bad(
    "ExclusiveStartKey outside the range condition", // DL test/query.js:1702-1767
    { KeyConditionExpression: "pk = :a and sk > :v", ExpressionAttributeValues: { ...V_A, ":v": N("3") }, ExclusiveStartKey: { pk: S("a"), sk: N("2") } },
    "The provided starting key does not match the range key predicate",
  ),
  bad(
    // DL test/query.js:1702-1720: the range predicate is checked before the hash boundary
    "ExclusiveStartKey outside the range condition and in another partition",
    { KeyConditionExpression: "pk = :a and sk > :v", ExpressionAttributeValues: { ...V_A, ":v": N("3") }, ExclusiveStartKey: { pk: S("b"), sk: N("2") } },
    "The provided starting key does not match the range key predicate",
  ),
  bad(
    // DL test/query.js:1769-1787 (real DynamoDB): hash differs while the range condition holds
    "ExclusiveStartKey in another partition satisfying the range condition",
    { KeyConditionExpression: "pk = :a and sk < :v", ExpressionAttributeValues: { ...V_A, ":v": N("3") }, ExclusiveStartKey: { pk: S("b"), sk: N("2") } },
    "The query can return at most one row and cannot be restarted",
  ),
  bad(
    // DL test/query.js:1036-1060: the starting key's shape is checked before the key conditions are matched to the schema
    "ExclusiveStartKey shape is checked before the key schema match",
    { KeyConditionExpression: "z = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: {} },
    "The provided starting key is invalid",
  ),
  bad(
    "ExclusiveStartKey with an empty AttributeValue", // notes §1.7 a (DL test/query.js:421-527)
    { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: { pk: {}, sk: N("1") } },
    "The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
  ),
  bad(
    "ExclusiveStartKey with an empty string set", // DL test/query.js:444-460: both prefixes
    { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: { pk: S("a"), sk: { SS: [] } } },
    "The provided starting key is invalid: " + INVALID + "An string set  may not be empty",
  ),
  bad(
    "ExclusiveStartKey with an empty number set", // notes §1.7 a: not prefixed with the starting-key text
    { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, ExclusiveStartKey: { pk: S("a"), sk: { NS: [] } } },
    INVALID + "An number set  may not be empty",
  ),

  // ---------------------------------------------------------------------------------------------
  // Parameter validation (notes §1.1)
  {
    name: "missing TableName",
    op: "Query",
    request: { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A },
    expect: validation(`1 validation error detected: ${violation(null, "tableName", NOT_NULL)}`),
  },
  {
    name: "Select not in the enum", // NC tier3/error-messages/query.test.ts:85 (2026)
    op: "Query",
    request: q("pk = :a", V_A, { Select: "INVALID_VALUE" }),
    expect: validation(
      `1 validation error detected: ${violation("INVALID_VALUE", "select", "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")}`,
    ),
  },
  {
    // NC tier3/error-messages/query.test.ts:127 and DX query.rs:121-133 (2026): Query drops the value
    // and capitalises 'Limit' (Scan keeps the classic form)
    name: "Limit 0",
    op: "Query",
    request: q("pk = :a", V_A, { Limit: 0 }),
    expect: validation("1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
  },
  {
    name: "no key condition", // notes §1.1 step 6
    setup: QT_SETUP.slice(0, 1),
    op: "Query",
    request: { TableName: QT },
    expect: validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."),
  },
  { name: "missing table", op: "Query", request: q("pk = :a", V_A), expect: notFound() },
  {
    name: "key condition errors come before the table lookup", // notes §1.1 steps 7-10
    op: "Query",
    request: q("pk = :a OR pk = :a", V_A),
    expect: validation("Invalid operator used in KeyConditionExpression: OR"),
  },
  {
    name: "key schema mismatch comes after the table lookup", // DL test/query.js:989-1010
    op: "Query",
    request: q("x = :a", V_A),
    expect: notFound(),
  },
  {
    name: "ExpressionAttributeValues without expressions", // DL test/query.js:293-301
    setup: QT_SETUP.slice(0, 1),
    op: "Query",
    request: { TableName: QT, KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } }, ExpressionAttributeValues: V_A },
    expect: validation("ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null"),
  },
  {
    name: "ExpressionAttributeNames without expressions",
    setup: QT_SETUP.slice(0, 1),
    op: "Query",
    request: { TableName: QT, KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } }, ExpressionAttributeNames: { "#a": "a" } },
    expect: validation("ExpressionAttributeNames can only be specified when using expressions"),
  },
  {
    name: "KeyConditions with KeyConditionExpression", // DL test/query.js:223-240
    setup: QT_SETUP.slice(0, 1),
    op: "Query",
    request: q("pk = :a", V_A, { KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } } }),
    expect: validation(
      "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}",
    ),
  },
  {
    name: "QueryFilter with KeyConditionExpression",
    setup: QT_SETUP.slice(0, 1),
    op: "Query",
    request: q("pk = :a", V_A, { QueryFilter: { x: { ComparisonOperator: "NOT_NULL" } } }),
    expect: validation(
      "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {QueryFilter} Expression parameters: {KeyConditionExpression}",
    ),
  },
  {
    // DL test/query.js:242-258 (real DynamoDB): without a KeyConditionExpression, KeyConditions is
    // not listed as a non-expression parameter, so legacy key conditions combine with FilterExpression
    name: "KeyConditions with FilterExpression is accepted",
    setup: QT_SETUP,
    op: "Query",
    request: {
      TableName: QT,
      KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } },
      FilterExpression: "x > :v",
      ExpressionAttributeValues: { ":v": N("30") },
    },
    expect: ok({ Items: A.slice(3), Count: 2, ScannedCount: 5 }),
  },

  // ---------------------------------------------------------------------------------------------
  // KeyConditionExpression errors (notes §1.2)
  badKce("OR", "pk = :a OR pk = :a", V_A, "Invalid operator used in KeyConditionExpression: OR"),
  badKce("NOT", "NOT pk = :a", V_A, "Invalid operator used in KeyConditionExpression: NOT"),
  badKce("IN", "pk IN (:a)", V_A, "Invalid operator used in KeyConditionExpression: IN"),
  badKce("<>", "pk <> :a", V_A, "Invalid operator used in KeyConditionExpression: <>"),
  badKce("attribute_exists", "pk = :a and attribute_exists(sk)", V_A, "Invalid operator used in KeyConditionExpression: attribute_exists"),
  bad("attribute_not_exists", { KeyConditionExpression: "attribute_not_exists(pk)" }, "Invalid operator used in KeyConditionExpression: attribute_not_exists"),
  badKce("contains", "contains(pk, :a)", V_A, "Invalid operator used in KeyConditionExpression: contains"),
  badKce(
    "attribute_type: operand type first", // DL test/query.js:808-833
    "pk = :a and attribute_type(sk, :n)",
    { ...V_A, ":n": N("1") },
    "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N",
  ),
  badKce("size()", "pk = :a and size(sk) > :n", { ...V_A, ":n": N("1") }, "KeyConditionExpressions cannot contain nested operations"),
  badKce(
    "BETWEEN with a value first",
    "pk = :a and :n between sk and :m",
    { ...V_A, ":n": N("1"), ":m": N("2") },
    "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
  ),
  badKce(
    "begins_with with a value first",
    "pk = :a and begins_with(:s, sk)",
    { ...V_A, ":s": S("1") },
    "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
  ),
  badKce("two attributes in one comparison", "pk = :a and sk > x", V_A, "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
  badKce("two attributes in BETWEEN", "pk = :a and sk between x and :n", { ...V_A, ":n": N("1") }, "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
  badKce(
    "nested path", // DX 2026 (eu-west-2): the prefixed form; DL's classic text was unprefixed
    "pk = :a and sk.d > :n",
    { ...V_A, ":n": N("1") },
    "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes",
  ),
  badKce(
    "list element path",
    "pk[0] = :a",
    V_A,
    "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes",
  ),
  badKce("no attribute in a comparison", "pk = :a and :n > :m", { ...V_A, ":n": N("1"), ":m": N("2") }, "Invalid condition in KeyConditionExpression: No key attribute specified"),
  badKce("two conditions on one key", "sk > :n AND sk < :m", { ":n": N("1"), ":m": N("2") }, "KeyConditionExpressions must only contain one condition per key"),
  badKce("two conditions on the hash key", "pk = :a AND pk = :a", V_A, "KeyConditionExpressions must only contain one condition per key"),
  badKce(
    "BETWEEN bounds of different types",
    "pk = :a and sk between :n and :s",
    { ...V_A, ":n": N("1"), ":s": S("a") },
    "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}",
  ),
  badKce(
    "BETWEEN lower bound above the upper",
    "pk = :a and sk between :m and :n",
    { ...V_A, ":n": N("1"), ":m": N("5") },
    "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}",
  ),
  badKce("three conditions", "pk = :a and sk = :n and x = :n", { ...V_A, ":n": N("1") }, "Conditions can be of length 1 or 2 only"),
  {
    // DL test/query.js:625-640 ran against a table that does not exist: checked before the table lookup (notes §1.1 step 9)
    name: "three conditions on a missing table",
    op: "Query",
    request: q("a = :a and b = :a and :a = c", V_A),
    expect: validation("Conditions can be of length 1 or 2 only"),
  },
  badKce("redundant parentheses", "((pk = :a))", V_A, "Invalid KeyConditionExpression: The expression has redundant parentheses;"),
  badKce(
    "begins_with with a number", // notes §1.2 / expressions §2.8: rejected when parsed
    "pk = :a and begins_with(sk, :n)",
    { ...V_A, ":n": N("1") },
    "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
  ),
  bad("empty KeyConditionExpression", { KeyConditionExpression: "" }, "Invalid KeyConditionExpression: The expression can not be empty;"),
  bad("syntax error", { KeyConditionExpression: "pk =" }, "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\""),
  bad("undefined value", { KeyConditionExpression: "pk = :zz" }, "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :zz"),
  badKce("unused value", "pk = :a", { ...V_A, ":b": S("b") }, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}"),
  badKce(
    "reserved word as a key name", // `name` is reserved
    "name = :a",
    V_A,
    "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: name",
  ),
  {
    ...badKce(
      "expression over 4 KB", // notes §1.2 / expressions: checked before parsing (DX 2026)
      "pk = :a" + " ".repeat(4100),
      V_A,
      `Invalid KeyConditionExpression: Expression size has exceeded the maximum allowed size; expression size: ${7 + 4100}`,
    ),
  },
  // key-schema matching (after the table lookup; notes §1.2)
  badKce("no condition on the hash key", "sk = :n", { ":n": N("1") }, "Query condition missed key schema element: pk"),
  badKce("condition on a non-key attribute only", "x = :n", { ":n": N("1") }, "Query condition missed key schema element: pk"), // NC 2026
  badKce("second condition not on the sort key", "pk = :a and x = :n", { ...V_A, ":n": N("1") }, "Query condition missed key schema element: sk"),
  badKce("hash key with >", "pk > :a", V_A, "Query key condition not supported"),
  badKce("hash key with begins_with", "begins_with(pk, :a)", V_A, "Query key condition not supported"),
  badKce("hash key with BETWEEN", "pk between :a and :b", { ...V_A, ":b": S("b") }, "Query key condition not supported"),
  badKce("hash value of the wrong type", "pk = :n", { ":n": N("1") }, INVALID + "Condition parameter type does not match schema type"),
  badKce("sort value of the wrong type", "pk = :a and sk > :s", { ...V_A, ":s": S("1") }, INVALID + "Condition parameter type does not match schema type"),
  badKce("value on the left of the wrong type", "pk = :a and :s < sk", { ...V_A, ":s": S("1") }, INVALID + "Condition parameter type does not match schema type"),
  {
    name: "hash-only table with two conditions", // DL test/query.js:1584-1637
    setup: [HASH_TABLE],
    op: "Query",
    request: { TableName: "items", KeyConditionExpression: "pk = :a AND b = :a", ExpressionAttributeValues: V_A },
    expect: validation("Query key condition not supported"),
  },

  // ---------------------------------------------------------------------------------------------
  // Legacy KeyConditions (notes §1.3)
  {
    name: "KeyConditions EQ and BETWEEN",
    setup: QT_SETUP,
    op: "Query",
    request: {
      TableName: QT,
      KeyConditions: {
        pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] },
        sk: { ComparisonOperator: "BETWEEN", AttributeValueList: [N("2"), N("3")] },
      },
    },
    expect: page(A.slice(1, 3)),
  },
  ...(["LT", "GE"] as const).map(
    (op, i): Case => ({
      name: `KeyConditions ${op}`,
      setup: QT_SETUP,
      op: "Query",
      request: {
        TableName: QT,
        KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, sk: { ComparisonOperator: op, AttributeValueList: [N("3")] } },
      },
      expect: page([A.slice(0, 2), A.slice(2)][i]!),
    }),
  ),
  {
    name: "KeyConditions BEGINS_WITH",
    setup: ST_SETUP,
    op: "Query",
    request: {
      TableName: ST,
      KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("p")] }, sk: { ComparisonOperator: "BEGINS_WITH", AttributeValueList: [S("a")] } },
    },
    expect: page(sItems("a", "aa", "ab")),
  },
  {
    name: "KeyConditions with QueryFilter and AttributesToGet",
    setup: QT_SETUP,
    op: "Query",
    request: {
      TableName: QT,
      KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } },
      QueryFilter: { x: { ComparisonOperator: "GE", AttributeValueList: [N("40")] } },
      AttributesToGet: ["sk", "y"],
    },
    expect: ok({ Items: A.slice(3).map((i) => pick(i, "sk", "y")), Count: 2, ScannedCount: 5 }),
  },
  {
    name: "QueryFilter with ConditionalOperator OR",
    setup: QT_SETUP,
    op: "Query",
    request: {
      TableName: QT,
      KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } },
      QueryFilter: { x: { ComparisonOperator: "EQ", AttributeValueList: [N("10")] }, y: { ComparisonOperator: "EQ", AttributeValueList: [S("y5")] } },
      ConditionalOperator: "OR",
    },
    expect: ok({ Items: [A[0]!, A[4]!], Count: 2, ScannedCount: 5 }),
  },
  ...[
    ["KeyConditions EQ with two values", { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a"), S("b")] } }, INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator"],
    ["KeyConditions BETWEEN with one value", { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, sk: { ComparisonOperator: "BETWEEN", AttributeValueList: [N("1")] } }, INVALID + "Invalid number of argument(s) for the BETWEEN ComparisonOperator"],
    ["KeyConditions LT on a BOOL", { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, sk: { ComparisonOperator: "LT", AttributeValueList: [{ BOOL: true }] } }, INVALID + "ComparisonOperator LT is not valid for BOOL AttributeValue type"],
    ["KeyConditions BEGINS_WITH on a number", { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, sk: { ComparisonOperator: "BEGINS_WITH", AttributeValueList: [N("1")] } }, INVALID + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"],
    ["KeyConditions BETWEEN with mixed types", { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, sk: { ComparisonOperator: "BETWEEN", AttributeValueList: [N("1"), S("2")] } }, INVALID + "AttributeValues inside AttributeValueList must be of same type"],
    ["KeyConditions BETWEEN lower above upper", { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, sk: { ComparisonOperator: "BETWEEN", AttributeValueList: [N("5"), N("1")] } }, "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"],
    ["KeyConditions NULL is not indexable", { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, sk: { ComparisonOperator: "NULL" } }, "Attempted conditional constraint is not an indexable operation"],
    ["KeyConditions NE on the hash key is not indexable", { pk: { ComparisonOperator: "NE", AttributeValueList: [S("a")] } }, "Attempted conditional constraint is not an indexable operation"],
    ["KeyConditions empty", {}, "Conditions can be of length 1 or 2 only"],
    [
      "KeyConditions with three entries",
      { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, sk: { ComparisonOperator: "EQ", AttributeValueList: [N("1")] }, x: { ComparisonOperator: "EQ", AttributeValueList: [N("1")] } },
      "Conditions can be of length 1 or 2 only",
    ],
    ["KeyConditions with an empty AttributeValue", { pk: { ComparisonOperator: "EQ", AttributeValueList: [{}] } }, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"],
    ["KeyConditions missing the hash key", { sk: { ComparisonOperator: "EQ", AttributeValueList: [N("1")] } }, "Query condition missed key schema element: pk"],
    ["KeyConditions GT on the hash key", { pk: { ComparisonOperator: "GT", AttributeValueList: [S("a")] } }, "Query key condition not supported"],
    ["KeyConditions value of the wrong type", { pk: { ComparisonOperator: "EQ", AttributeValueList: [N("1")] } }, INVALID + "Condition parameter type does not match schema type"],
    [
      "KeyConditions ComparisonOperator missing",
      { pk: { AttributeValueList: [S("a")] } },
      `1 validation error detected: ${violation(null, "keyConditions.pk.member.comparisonOperator", NOT_NULL)}`,
    ],
    [
      "KeyConditions ComparisonOperator not in the enum",
      { pk: { ComparisonOperator: "XX", AttributeValueList: [S("a")] } },
      `1 validation error detected: ${violation("XX", "keyConditions.pk.member.comparisonOperator", "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]")}`,
    ],
  ].map(([name, kc, message]) => bad(name as string, { KeyConditions: kc }, message as string)),

  // ---------------------------------------------------------------------------------------------
  // FilterExpression / QueryFilter (notes §1.6)
  {
    name: "FilterExpression on a non-key attribute",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", { ...V_A, ":lo": N("20"), ":hi": N("40") }, { FilterExpression: "x between :lo and :hi AND y <> :lo" }),
    expect: ok({ Items: A.slice(1, 4), Count: 3, ScannedCount: 5 }),
  },
  {
    name: "FilterExpression with functions",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a", { ...V_A, ":p": S("y4") }, { FilterExpression: "attribute_exists(y) AND (begins_with(y, :p) OR attribute_not_exists(x))" }),
    expect: ok({ Items: [A[3]!], Count: 1, ScannedCount: 5 }),
  },
  bad("FilterExpression on the sort key", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: { ...V_A, ":n": N("1") }, FilterExpression: "sk > :n" }, "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"),
  bad("FilterExpression on the hash key", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, FilterExpression: "pk = :a" }, "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk"),
  bad("FilterExpression with a key inside a function", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, FilterExpression: "attribute_exists(sk)" }, "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"),
  bad("FilterExpression with a key path", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, FilterExpression: "attribute_exists(sk.b)" }, "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"), // DL test/query.js:1814-1827
  bad(
    "QueryFilter on the sort key",
    { KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } }, QueryFilter: { sk: { ComparisonOperator: "GT", AttributeValueList: [N("1")] } } },
    "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk",
  ),
  bad(
    "QueryFilter arity",
    { KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } }, QueryFilter: { x: { ComparisonOperator: "NULL", AttributeValueList: [N("1")] } } },
    INVALID + "Invalid number of argument(s) for the NULL ComparisonOperator",
  ),
  {
    name: "FilterExpression on the table key when querying a GSI is allowed", // SC test_gsi_composite_filter_on_base_table_key_allowed
    setup: IT_SETUP,
    op: "Query",
    request: qi("byG", "g = :g", { ...V_G, ":n": N("2") }, { FilterExpression: "sk > :n" }),
    expect: ok({ Items: [byG(i3)], Count: 1, ScannedCount: 4 }),
  },
  badIdx(
    "FilterExpression on the GSI sort key",
    qi("byG", "g = :g", { ...V_G, ":n": N("2") }, { FilterExpression: "gr > :n" }),
    "Filter Expression can only contain non-primary key attributes: Primary key attribute: gr",
  ),
  {
    // A filter on an attribute the LSI does not project reads the table item, but the default Select
    // is still ALL_PROJECTED_ATTRIBUTES: only projected attributes come back (DOC API_Query Select;
    // DL test/query.js:2288-2330 for the default). The engine returns the whole table item.
    name: "FilterExpression on a non-projected attribute of an LSI",
    setup: IT_SETUP,
    op: "Query",
    request: qi("byL", "pk = :a", { ...V_A, ":y": S("y2") }, { FilterExpression: "y = :y" }),
    expect: ok({ Items: [byL(i2)], Count: 1, ScannedCount: 4 }),
  },

  // ---------------------------------------------------------------------------------------------
  // Projection and Select (notes §1.5)
  { name: "ProjectionExpression", setup: QT_SETUP, op: "Query", request: q("pk = :a and sk < :n", { ...V_A, ":n": N("3") }, { ProjectionExpression: "y, nothere" }), expect: page(A.slice(0, 2).map((i) => pick(i, "y"))) },
  {
    name: "ProjectionExpression with SPECIFIC_ATTRIBUTES and names",
    setup: QT_SETUP,
    op: "Query",
    request: q("pk = :a and sk < :n", { ...V_A, ":n": N("2") }, { ProjectionExpression: "#s, x", ExpressionAttributeNames: { "#s": "sk" }, Select: "SPECIFIC_ATTRIBUTES" }),
    expect: page([pick(A[0]!, "sk", "x")]),
  },
  { name: "AttributesToGet", setup: QT_SETUP, op: "Query", request: { TableName: QT, KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("b")] } }, AttributesToGet: ["x"] }, expect: page([pick(B1, "x")]) },
  { name: "Select ALL_ATTRIBUTES", setup: QT_SETUP, op: "Query", request: q("pk = :b", { ":b": S("b") }, { Select: "ALL_ATTRIBUTES" }), expect: page([B1]) },
  { name: "Select COUNT has no Items", setup: QT_SETUP, op: "Query", request: q("pk = :a", V_A, { Select: "COUNT" }), expect: ok({ Count: 5, ScannedCount: 5 }) }, // DL test/query.js:2373-2393
  { name: "Select COUNT with no match", setup: QT_SETUP, op: "Query", request: q("pk = :z", { ":z": S("z") }, { Select: "COUNT" }), expect: ok({ Count: 0, ScannedCount: 0 }) },
  { name: "Select COUNT with a filter", setup: QT_SETUP, op: "Query", request: q("pk = :a", { ...V_A, ":n": N("30") }, { Select: "COUNT", FilterExpression: "x >= :n" }), expect: ok({ Count: 3, ScannedCount: 5 }) },
  bad("Select SPECIFIC_ATTRIBUTES without a projection", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, Select: "SPECIFIC_ATTRIBUTES" }, "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"),
  bad("ProjectionExpression with Select ALL_ATTRIBUTES", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, Select: "ALL_ATTRIBUTES", ProjectionExpression: "x" }, "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"),
  bad("ProjectionExpression with Select COUNT", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, Select: "COUNT", ProjectionExpression: "x" }, "Cannot specify the ProjectionExpression when choosing to get only the Count"),
  {
    ...badIdx("ProjectionExpression with Select ALL_PROJECTED_ATTRIBUTES", qi("byG", "g = :g", V_G, { Select: "ALL_PROJECTED_ATTRIBUTES", ProjectionExpression: "x" }), "Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES"),
  },
  // UNVERIFIED (notes §1.5): AttributesToGet with COUNT; the engine answers with the ProjectionExpression family, which is plausible
  bad("AttributesToGet with Select COUNT", { KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } }, Select: "COUNT", AttributesToGet: ["x"] }, "Cannot specify the AttributesToGet when choosing to get only the Count"),
  bad("ALL_PROJECTED_ATTRIBUTES without an index", { KeyConditionExpression: "pk = :a", ExpressionAttributeValues: V_A, Select: "ALL_PROJECTED_ATTRIBUTES" }, "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
  bad("duplicate in AttributesToGet", { KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] } }, AttributesToGet: ["x", "x"] }, INVALID + "Duplicate value in attribute name: x"),

  // ---------------------------------------------------------------------------------------------
  // Secondary indexes (notes §1.4, §1.5, §2.3, §2.5)
  { name: "GSI: partition in index sort-key order, keys only", setup: IT_SETUP, op: "Query", request: qi("byG", "g = :g", V_G), expect: page([i2, i3, i5, i1].map(byG)) },
  { name: "GSI: sparse (item without the index key is absent)", setup: IT_SETUP, op: "Query", request: qi("byG", "g = :g and gr >= :n", { ...V_G, ":n": N("0") }), expect: page([i2, i3, i5, i1].map(byG)) },
  { name: "GSI: range condition", setup: IT_SETUP, op: "Query", request: qi("byG", "g = :g and gr between :lo and :hi", { ...V_G, ":lo": N("15"), ":hi": N("25") }), expect: page([i3, i5].map(byG)) },
  { name: "GSI: descending", setup: IT_SETUP, op: "Query", request: qi("byG", "g = :g", V_G, { ScanIndexForward: false }), expect: page([i1, i5, i3, i2].map(byG)) },
  { name: "GSI: Select ALL_PROJECTED_ATTRIBUTES", setup: IT_SETUP, op: "Query", request: qi("byG", "g = :g and gr < :n", { ...V_G, ":n": N("15") }, { Select: "ALL_PROJECTED_ATTRIBUTES" }), expect: page([byG(i2)]) },
  { name: "GSI: Select COUNT", setup: IT_SETUP, op: "Query", request: qi("byG", "g = :g", V_G, { Select: "COUNT" }), expect: ok({ Count: 4, ScannedCount: 4 }) },
  {
    name: "GSI: LastEvaluatedKey has the index and the table key", // notes §2.3
    setup: IT_SETUP,
    op: "Query",
    request: qi("byG", "g = :g", V_G, { Limit: 2 }),
    expect: page([i2, i3].map(byG), { LastEvaluatedKey: byG(i3) }),
  },
  {
    name: "GSI: ExclusiveStartKey continues",
    setup: IT_SETUP,
    op: "Query",
    request: qi("byG", "g = :g", V_G, { Limit: 2, ExclusiveStartKey: byG(i3) }),
    expect: page([i5, i1].map(byG), { LastEvaluatedKey: byG(i1) }),
  },
  {
    name: "GSI: ExclusiveStartKey descending",
    setup: IT_SETUP,
    op: "Query",
    request: qi("byG", "g = :g", V_G, { ScanIndexForward: false, ExclusiveStartKey: byG(i5) }),
    expect: page([i3, i2].map(byG)),
  },
  badIdx("GSI: ExclusiveStartKey without the table key", qi("byG", "g = :g", V_G, { ExclusiveStartKey: { g: S("G"), gr: N("10") } }), "The provided starting key is invalid"), // DL test/query.js:1036-1139
  badIdx("GSI: ExclusiveStartKey without the index key", qi("byG", "g = :g", V_G, { ExclusiveStartKey: { pk: S("a"), sk: N("1") } }), "The provided starting key is invalid"),
  badIdx("GSI: ExclusiveStartKey index key of the wrong type", qi("byG", "g = :g", V_G, { ExclusiveStartKey: { g: S("G"), gr: S("10"), pk: S("a"), sk: N("2") } }), "The provided key element does not match the schema"), // DL :1141-1232
  badIdx(
    "GSI: ExclusiveStartKey table key of the wrong type", // DL test/query.js:1415-1478
    qi("byG", "g = :g", V_G, { ExclusiveStartKey: { g: S("G"), gr: N("10"), pk: S("a"), sk: S("2") } }),
    "The provided starting key is invalid: The provided key element does not match the schema",
  ),
  badIdx("GSI: ExclusiveStartKey in another partition", qi("byG", "g = :g", V_G, { ExclusiveStartKey: { g: S("F"), gr: N("10"), pk: S("a"), sk: N("2") } }), "The provided starting key is outside query boundaries based on provided conditions"),
  badIdx("GSI: ConsistentRead", qi("byG", "g = :g", V_G, { ConsistentRead: true }), "Consistent reads are not supported on global secondary indexes"), // DL :1026-1034; NC 2026
  {
    name: "GSI: ConsistentRead false is fine",
    setup: IT_SETUP,
    op: "Query",
    request: qi("byG", "g = :g and gr < :n", { ...V_G, ":n": N("15") }, { ConsistentRead: false }),
    expect: page([byG(i2)]),
  },
  badIdx("GSI: Select ALL_ATTRIBUTES on a KEYS_ONLY index", qi("byG", "g = :g", V_G, { Select: "ALL_ATTRIBUTES" }), INVALID + "Select type ALL_ATTRIBUTES is not supported for global secondary index byG because its projection type is not ALL"),
  badIdx("unknown IndexName", qi("nope", "g = :g", V_G), "The table does not have the specified index: nope"),
  badIdx("GSI: condition on the table key", qi("byG", "pk = :a", V_A), "Query condition missed key schema element: g"),
  badIdx("GSI: second condition not on the index sort key", qi("byG", "g = :g and sk = :n", { ...V_G, ":n": N("1") }), "Query condition missed key schema element: gr"), // DL :1495-1526
  badIdx("GSI: value of the wrong type", qi("byG", "g = :n", { ":n": N("1") }), INVALID + "Condition parameter type does not match schema type"),
  {
    name: "unknown IndexName on a missing table",
    op: "Query",
    request: qi("nope", "g = :g", V_G),
    expect: notFound(),
  },
  { name: "LSI: default Select returns the projection", setup: IT_SETUP, op: "Query", request: qi("byL", "pk = :a", V_A), expect: page([i4, i3, i2, i1].map(byL)) }, // DL :2288-2330
  { name: "LSI: Select ALL_ATTRIBUTES fetches from the table", setup: IT_SETUP, op: "Query", request: qi("byL", "pk = :a and l < :c", { ...V_A, ":c": S("d") }, { Select: "ALL_ATTRIBUTES" }), expect: page([i4, i3]) }, // DL :2332-2371
  { name: "LSI: ConsistentRead is allowed", setup: IT_SETUP, op: "Query", request: qi("byL", "pk = :b", { ":b": S("b") }, { ConsistentRead: true }), expect: page([byL(i5)]) },
  { name: "LSI: ProjectionExpression of a non-projected attribute", setup: IT_SETUP, op: "Query", request: qi("byL", "pk = :b", { ":b": S("b") }, { ProjectionExpression: "h1, l" }), expect: page([pick(i5, "h1", "l")]) },
  {
    name: "LSI: LastEvaluatedKey has the index and the table key",
    setup: IT_SETUP,
    op: "Query",
    request: qi("byL", "pk = :a", V_A, { Limit: 1 }),
    expect: page([byL(i4)], { LastEvaluatedKey: pick(i4, "pk", "sk", "l") }),
  },
  {
    name: "LSI: ExclusiveStartKey continues",
    setup: IT_SETUP,
    op: "Query",
    request: qi("byL", "pk = :a", V_A, { ExclusiveStartKey: pick(i3, "pk", "sk", "l") }),
    expect: page([i2, i1].map(byL)),
  },
  badIdx("LSI: second condition on the table sort key", qi("byL", "pk = :a and sk = :n", { ...V_A, ":n": N("1") }), "Query condition missed key schema element: l"), // DL :1495-1510
  badIdx("LSI: FilterExpression on the index sort key", qi("byL", "pk = :a", { ...V_A, ":n": S("1") }, { FilterExpression: "l > :n" }), "Filter Expression can only contain non-primary key attributes: Primary key attribute: l"),

  // ---------------------------------------------------------------------------------------------
  // Multi-attribute GSI keys (notes §6.2). Exact messages for violations are UNVERIFIED in the
  // notes; the engine's answers follow the single-key rules (§1.2), which is what the notes expect.
  { name: "multi: equality on every HASH attribute", setup: IT_SETUP, op: "Query", request: qi("multi", MULTI_HASH, V_H), expect: page([i1, i2, i3].map(multi)) }, // sort (A,2) < (A,10) < (B,1)
  { name: "multi: first RANGE attribute =", setup: IT_SETUP, op: "Query", request: qi("multi", `${MULTI_HASH} AND r1 = :r`, { ...V_H, ":r": S("A") }), expect: page([i1, i2].map(multi)) },
  { name: "multi: both RANGE attributes =", setup: IT_SETUP, op: "Query", request: qi("multi", `${MULTI_HASH} AND r1 = :r AND r2 = :n`, { ...V_H, ":r": S("A"), ":n": N("10") }), expect: page([multi(i2)]) },
  { name: "multi: inequality on the last RANGE attribute", setup: IT_SETUP, op: "Query", request: qi("multi", `${MULTI_HASH} AND r1 = :r AND r2 > :n`, { ...V_H, ":r": S("A"), ":n": N("5") }), expect: page([multi(i2)]) },
  { name: "multi: BETWEEN on the last RANGE attribute", setup: IT_SETUP, op: "Query", request: qi("multi", `r2 between :lo and :hi and r1 = :r and ${MULTI_HASH}`, { ...V_H, ":r": S("A"), ":lo": N("1"), ":hi": N("2") }), expect: page([multi(i1)]) },
  { name: "multi: begins_with on the first RANGE attribute", setup: IT_SETUP, op: "Query", request: qi("multi", `${MULTI_HASH} AND begins_with(r1, :r)`, { ...V_H, ":r": S("B") }), expect: page([multi(i3)]) },
  { name: "multi: inequality on the first RANGE attribute", setup: IT_SETUP, op: "Query", request: qi("multi", `${MULTI_HASH} AND r1 < :r`, { ...V_H, ":r": S("B") }), expect: page([i1, i2].map(multi)) },
  { name: "multi: descending", setup: IT_SETUP, op: "Query", request: qi("multi", MULTI_HASH, V_H, { ScanIndexForward: false }), expect: page([i3, i2, i1].map(multi)) },
  { name: "multi: other partition", setup: IT_SETUP, op: "Query", request: qi("multi", "h1 = :h AND h2 = :two", { ":h": S("H"), ":two": N("2") }), expect: page([multi(i4)]) },
  {
    name: "multi: LastEvaluatedKey has every key attribute", // SC test_gsi_composite_query_pagination
    setup: IT_SETUP,
    op: "Query",
    request: qi("multi", MULTI_HASH, V_H, { Limit: 1 }),
    expect: page([multi(i1)], { LastEvaluatedKey: pick(i1, "h1", "h2", "r1", "r2", "pk", "sk") }),
  },
  {
    name: "multi: ExclusiveStartKey continues",
    setup: IT_SETUP,
    op: "Query",
    request: qi("multi", MULTI_HASH, V_H, { ExclusiveStartKey: pick(i1, "h1", "h2", "r1", "r2", "pk", "sk") }),
    expect: page([i2, i3].map(multi)),
  },
  {
    // notes §6.2: scylladb/scylladb#31393 (2026-08, newer than the SC test) says legacy KeyConditions are accepted
    name: "multi: legacy KeyConditions",
    setup: IT_SETUP,
    op: "Query",
    request: {
      TableName: IT,
      IndexName: "multi",
      KeyConditions: { h1: { ComparisonOperator: "EQ", AttributeValueList: [S("H")] }, h2: { ComparisonOperator: "EQ", AttributeValueList: [N("1")] } },
    },
    expect: page([i1, i2, i3].map(multi)),
  },
  { name: "multi: FilterExpression on the table key is allowed", setup: IT_SETUP, op: "Query", request: qi("multi", MULTI_HASH, { ...V_H, ":n": N("2") }, { FilterExpression: "sk >= :n" }), expect: ok({ Items: [i2, i3].map(multi), Count: 2, ScannedCount: 3 }) },
  // SC test_gsi_composite_filter_on_*_rejected; text by analogy with §1.6
  badIdx("multi: FilterExpression on a HASH attribute", qi("multi", MULTI_HASH, { ...V_H, ":n": N("2") }, { FilterExpression: "h2 < :n" }), "Filter Expression can only contain non-primary key attributes: Primary key attribute: h2"),
  badIdx("multi: FilterExpression on a RANGE attribute", qi("multi", MULTI_HASH, { ...V_H, ":n": N("2") }, { FilterExpression: "r2 < :n" }), "Filter Expression can only contain non-primary key attributes: Primary key attribute: r2"),
  // SC test_gsi_composite_query_missing_one_pk etc. (ValidationException; text UNVERIFIED, engine follows §1.2)
  badIdx("multi: one HASH attribute missing", qi("multi", "h1 = :h", { ":h": S("H") }), "Query condition missed key schema element: h2"),
  badIdx("multi: inequality on a HASH attribute", qi("multi", "h1 = :h AND h2 > :one", V_H), "Query key condition not supported"),
  badIdx("multi: BETWEEN on a HASH attribute", qi("multi", "h1 = :h AND h2 between :one and :one", V_H), "Query key condition not supported"),
  badIdx("multi: begins_with on a HASH attribute", qi("multi", "begins_with(h1, :h) AND h2 = :one", V_H), "Query key condition not supported"),
  badIdx("multi: skipping the first RANGE attribute", qi("multi", `${MULTI_HASH} AND r2 = :one`, V_H), "Query condition missed key schema element: r1"),
  badIdx("multi: inequality before the last condition", qi("multi", `${MULTI_HASH} AND r1 > :r AND r2 = :one`, { ...V_H, ":r": S("A") }), "Query key condition not supported"),
  badIdx("multi: two conditions on one RANGE attribute", qi("multi", `${MULTI_HASH} AND r1 > :r AND r1 < :r`, { ...V_H, ":r": S("A") }), "KeyConditionExpressions must only contain one condition per key"),
  badIdx("multi: value of the wrong type", qi("multi", "h1 = :h AND h2 = :s", { ":h": S("H"), ":s": S("1") }), INVALID + "Condition parameter type does not match schema type"),
  badIdx("multi: RANGE value of the wrong type", qi("multi", `${MULTI_HASH} AND r1 = :n`, { ...V_H, ":n": N("1") }), INVALID + "Condition parameter type does not match schema type"),
  badIdx("multi: ExclusiveStartKey missing a component", qi("multi", MULTI_HASH, { ...V_H }, { ExclusiveStartKey: pick(i1, "h1", "h2", "r1", "pk", "sk") }), "The provided starting key is invalid"), // SC; text UNVERIFIED
  badIdx("multi: ConsistentRead", qi("multi", MULTI_HASH, V_H, { ConsistentRead: true }), "Consistent reads are not supported on global secondary indexes"),
];

conformance("Query", cases);
