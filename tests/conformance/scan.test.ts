/**
 * Scan conformance: whole table and index scans, FilterExpression/ScanFilter, ProjectionExpression/
 * AttributesToGet, Select, Limit (before the filter), ExclusiveStartKey/LastEvaluatedKey, parallel
 * scan (Segment/TotalSegments rules; all segments together cover every item exactly once).
 * Sources: /work/notes/dynamodb-query-scan-indexes.md ("notes §"), dynalite test/scan.js ("DL",
 * real DynamoDB captures), NC/DX (2026, see notes).
 */
import {
  HASH_TABLE,
  INVALID,
  Matcher,
  TABLE,
  conformance,
  createTable,
  notFound,
  ok,
  put,
  unordered,
  validation,
  violation,
  violations,
  type Case,
  type Check,
  type Step,
} from "./runner.js";

type Item = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const pick = (item: Item, ...names: string[]): Item =>
  Object.fromEntries(names.filter((n) => n in item).map((n) => [n, item[n]]));

/** An array of n elements. */
class Length extends Matcher {
  constructor(readonly n: number) {
    super();
  }
  test(actual: unknown): boolean {
    return Array.isArray(actual) && actual.length === this.n;
  }
  describe(): string {
    return `<array of ${this.n}>`;
  }
}
const length = (n: number) => new Length(n);
/** An object with exactly these keys (any values). */
class Keys extends Matcher {
  constructor(readonly keys: string[]) {
    super();
  }
  test(actual: unknown): boolean {
    if (actual === null || typeof actual !== "object") return false;
    const got = Object.keys(actual).sort();
    return got.length === this.keys.length && [...this.keys].sort().every((k, i) => k === got[i]);
  }
  describe(): string {
    return `<object with keys ${this.keys.join(", ")}>`;
  }
}
const keysOnly = (...keys: string[]) => new Keys(keys);

// ---- hash table "items": six items
const H = ["a", "b", "c", "d", "e", "f"].map((k, i) => ({ pk: S(k), n: N(String(i)), s: S(`s${i}`) }));
const H_SETUP: Step[] = [HASH_TABLE, ...H.map((i) => put(i))];
const scan = (extra: Item = {}) => ({ TableName: TABLE, ...extra });
const all = (items: Item[], scanned = items.length) => ok({ Items: unordered(...items), Count: items.length, ScannedCount: scanned });
const bad = (name: string, request: Item, message: string | Matcher, extra: Partial<Case> = {}): Case => ({
  name,
  setup: H_SETUP.slice(0, 2),
  op: "Scan",
  request: scan(request),
  expect: validation(message),
  ...extra,
});

// ---- range table "one": a single partition, so the scan order is the sort-key order (notes §2.5)
const ONE = "one";
const R = [1, 2, 3, 4, 5].map((i) => ({ pk: S("p"), sk: N(String(i)), v: N(String(i)) }));
const R_SETUP: Step[] = [createTable(ONE, { name: "sk", type: "N" }), ...R.map((i) => put(i, ONE))];
const page = (items: Item[], extra: Item = {}) => ok({ Items: items, Count: items.length, ScannedCount: items.length, ...extra });

// ---- index table "itab": GSI byG (g, gr) KEYS_ONLY, GSI multi (h1, h2 / r1, r2) INCLUDE [x], LSI byL (pk, l) ALL
const IT = "itab";
const ks = (...k: Array<[string, string]>) => k.map(([n, t]) => ({ AttributeName: n, KeyType: t }));
const CREATE_IT: Step = {
  op: "CreateTable",
  body: {
    TableName: IT,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: ([["pk", "S"], ["sk", "N"], ["g", "S"], ["gr", "N"], ["h1", "S"], ["h2", "N"], ["r1", "S"], ["r2", "N"], ["l", "S"]] as const).map(
      ([n, t]) => ({ AttributeName: n, AttributeType: t }),
    ),
    KeySchema: ks(["pk", "HASH"], ["sk", "RANGE"]),
    GlobalSecondaryIndexes: [
      { IndexName: "byG", KeySchema: ks(["g", "HASH"], ["gr", "RANGE"]), Projection: { ProjectionType: "KEYS_ONLY" } },
      {
        IndexName: "multi",
        KeySchema: ks(["h1", "HASH"], ["h2", "HASH"], ["r1", "RANGE"], ["r2", "RANGE"]),
        Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["x"] },
      },
    ],
    LocalSecondaryIndexes: [{ IndexName: "byL", KeySchema: ks(["pk", "HASH"], ["l", "RANGE"]), Projection: { ProjectionType: "ALL" } }],
  },
};
const i1: Item = { pk: S("a"), sk: N("1"), g: S("G"), gr: N("1"), h1: S("H"), h2: N("1"), r1: S("A"), r2: N("1"), l: S("x"), x: N("1"), y: S("y") };
const i2: Item = { pk: S("a"), sk: N("2"), g: S("F"), gr: N("2"), h1: S("H"), h2: N("2"), r1: S("A"), l: S("w"), x: N("2") }; // no r2: not in multi
const i3: Item = { pk: S("b"), sk: N("1"), gr: N("3"), h1: S("I"), h2: N("1"), r1: S("B"), r2: N("0"), y: S("y") }; // no g, no l
const IT_SETUP: Step[] = [CREATE_IT, put(i1, IT), put(i2, IT), put(i3, IT)];
const byG = (i: Item) => pick(i, "g", "gr", "pk", "sk");
const multi = (i: Item) => pick(i, "h1", "h2", "r1", "r2", "pk", "sk", "x");
const badIdx = (name: string, request: Item, message: string): Case => ({
  name,
  setup: [CREATE_IT],
  op: "Scan",
  request: { TableName: IT, ...request },
  expect: validation(message),
});

// ---- parallel scan coverage. Stateful matchers: the runner sends a case's requests in order, door
// after door, so a collector filled by the segment responses can check the full scan that follows.
class Collector {
  seen: string[] = [];
  bySegment = new Map<string, number>();
  /** Matches any Items array of segment `segment`, remembering its items. */
  segment(segment: number): Matcher {
    const self = this;
    return new (class extends Matcher {
      test(actual: unknown): boolean {
        if (segment === 0) {
          self.seen = [];
          self.bySegment.clear();
        }
        if (!Array.isArray(actual)) return false;
        for (const it of actual as Array<Record<string, { S?: string; N?: string }>>) {
          const p = it.pk!.S!;
          self.seen.push(`${p}/${it.sk?.N ?? ""}`);
          // items of one partition share a segment (notes §3.3)
          if ((self.bySegment.get(p) ?? segment) !== segment) return false;
          self.bySegment.set(p, segment);
        }
        return true;
      }
      describe(): string {
        return `<segment ${segment} items>`;
      }
    })();
  }
  /** Matches the Items of a full scan: exactly the collected items, each once. */
  union(): Matcher {
    const self = this;
    return new (class extends Matcher {
      test(actual: unknown): boolean {
        if (!Array.isArray(actual)) return false;
        const want = (actual as Array<Record<string, { S?: string; N?: string }>>).map((it) => `${it.pk!.S}/${it.sk?.N ?? ""}`).sort();
        const got = [...self.seen].sort();
        return want.length === got.length && want.every((w, i) => w === got[i]);
      }
      describe(): string {
        return `<the union of the segments: ${self.seen.length} items: ${self.seen.join(" ")}>`;
      }
    })();
  }
}
const PAR = "par";
const PAR_ITEMS = Array.from({ length: 16 }, (_, p) => [0, 1].map((k) => ({ pk: S(`p${p}`), sk: N(String(k)) }))).flat();
const PAR_SETUP: Step[] = [createTable(PAR, { name: "sk", type: "N" }), ...PAR_ITEMS.map((i) => put(i, PAR))];
function coverage(total: number): Case {
  const c = new Collector();
  const seg = (s: number): Check => ({
    op: "Scan",
    body: { TableName: PAR, Segment: s, TotalSegments: total },
    expect: { status: 200, body: { Items: c.segment(s) }, subset: true },
  });
  return {
    name: `parallel scan with ${total} segments covers every item once`,
    setup: PAR_SETUP,
    op: "Scan",
    request: { TableName: PAR, Segment: 0, TotalSegments: total },
    expect: { status: 200, body: { Items: c.segment(0) }, subset: true },
    after: [
      ...Array.from({ length: total - 1 }, (_, i) => seg(i + 1)),
      { op: "Scan", body: { TableName: PAR }, expect: { status: 200, body: { Items: c.union(), Count: PAR_ITEMS.length }, subset: true } },
    ],
  };
}
/** Segment 0 of 2 is exactly segments 0 and 1 of 4 (DL test/scan.js:3169-3232, real DynamoDB). */
function nesting(): Case {
  const c = new Collector();
  return {
    name: "segments nest: 0 of 2 = 0 and 1 of 4",
    setup: PAR_SETUP,
    op: "Scan",
    request: { TableName: PAR, Segment: 0, TotalSegments: 4 },
    expect: { status: 200, body: { Items: c.segment(0) }, subset: true },
    after: [
      { op: "Scan", body: { TableName: PAR, Segment: 1, TotalSegments: 4 }, expect: { status: 200, body: { Items: c.segment(1) }, subset: true } },
      { op: "Scan", body: { TableName: PAR, Segment: 0, TotalSegments: 2 }, expect: { status: 200, body: { Items: c.union() }, subset: true } },
    ],
  };
}

const LIMIT_ONE = "1 validation error detected: ";
const cases: Case[] = [
  // ---------------------------------------------------------------------------------------------
  // Whole-table scans
  { name: "every item", setup: H_SETUP, op: "Scan", request: scan(), expect: all(H) },
  { name: "empty table", setup: [HASH_TABLE], op: "Scan", request: scan(), expect: ok({ Items: [], Count: 0, ScannedCount: 0 }) }, // DL test/scan.js:3020-3033
  { name: "ConsistentRead on the table", setup: H_SETUP, op: "Scan", request: scan({ ConsistentRead: true }), expect: all(H) },
  { name: "FilterExpression", setup: H_SETUP, op: "Scan", request: scan({ FilterExpression: "n >= :v", ExpressionAttributeValues: { ":v": N("4") } }), expect: all(H.slice(4), 6) },
  {
    name: "FilterExpression may use the key", // notes §1.6 (DL test/scan.js:3081-3100)
    setup: H_SETUP,
    op: "Scan",
    request: scan({ FilterExpression: "pk IN (:a, :b) OR begins_with(#s, :s5)", ExpressionAttributeValues: { ":a": S("a"), ":b": S("b"), ":s5": S("s5") }, ExpressionAttributeNames: { "#s": "s" } }),
    expect: all([H[0]!, H[1]!, H[5]!], 6),
  },
  { name: "ProjectionExpression", setup: H_SETUP, op: "Scan", request: scan({ ProjectionExpression: "s, nothere" }), expect: all(H.map((i) => pick(i, "s"))) },
  { name: "AttributesToGet", setup: H_SETUP, op: "Scan", request: scan({ AttributesToGet: ["pk", "n"] }), expect: all(H.map((i) => pick(i, "pk", "n"))) },
  { name: "Select COUNT", setup: H_SETUP, op: "Scan", request: scan({ Select: "COUNT" }), expect: ok({ Count: 6, ScannedCount: 6 }) },
  { name: "Select COUNT with a filter", setup: H_SETUP, op: "Scan", request: scan({ Select: "COUNT", FilterExpression: "n < :v", ExpressionAttributeValues: { ":v": N("2") } }), expect: ok({ Count: 2, ScannedCount: 6 }) },
  { name: "Select SPECIFIC_ATTRIBUTES", setup: H_SETUP, op: "Scan", request: scan({ Select: "SPECIFIC_ATTRIBUTES", ProjectionExpression: "n" }), expect: all(H.map((i) => pick(i, "n"))) },
  {
    name: "ScanFilter",
    setup: H_SETUP,
    op: "Scan",
    request: scan({ ScanFilter: { n: { ComparisonOperator: "BETWEEN", AttributeValueList: [N("1"), N("2")] }, s: { ComparisonOperator: "NOT_NULL" } } }),
    expect: all(H.slice(1, 3), 6),
  },
  {
    name: "ScanFilter with ConditionalOperator OR",
    setup: H_SETUP,
    op: "Scan",
    request: scan({ ScanFilter: { pk: { ComparisonOperator: "EQ", AttributeValueList: [S("a")] }, n: { ComparisonOperator: "GT", AttributeValueList: [N("4")] } }, ConditionalOperator: "OR" }),
    expect: all([H[0]!, H[5]!], 6),
  },
  bad("ScanFilter with FilterExpression", { ScanFilter: { n: { ComparisonOperator: "NOT_NULL" } }, FilterExpression: "attribute_exists(n)" }, "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}"),
  // EQ and NE take every type, lists, maps, booleans and NULL included (API reference, Condition:
  // "EQ is supported for all data types, including lists and maps"; issue #18.6)
  ...([
    ["EQ on a list", { ScanFilter: { l: { ComparisonOperator: "EQ", AttributeValueList: [{ L: [N("1")] }] } } }, ["a"]],
    ["EQ on a map", { ScanFilter: { m: { ComparisonOperator: "EQ", AttributeValueList: [{ M: { k: S("v") } }] } } }, ["a"]],
    ["EQ on a boolean", { ScanFilter: { t: { ComparisonOperator: "EQ", AttributeValueList: [{ BOOL: true }] } } }, ["a"]],
    ["NE on NULL", { ScanFilter: { z: { ComparisonOperator: "NE", AttributeValueList: [{ NULL: true }] } } }, ["b"]],
  ] as const).map(([what, request, keys]): Case => {
    const docs = [{ pk: S("a"), l: { L: [N("1")] }, m: { M: { k: S("v") } }, t: { BOOL: true }, z: { NULL: true } }, { pk: S("b") }];
    const found = docs.filter((d) => (keys as readonly string[]).includes(d.pk.S));
    return { name: `ScanFilter ${what}`, setup: [HASH_TABLE, ...docs.map((d) => put(d))], op: "Scan", request: scan(request), expect: all(found, 2) };
  }),
  bad("ScanFilter arity", { ScanFilter: { n: { ComparisonOperator: "EQ", AttributeValueList: [] } } }, INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator"),
  bad("ScanFilter BEGINS_WITH on a number", { ScanFilter: { n: { ComparisonOperator: "BEGINS_WITH", AttributeValueList: [N("1")] } } }, INVALID + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"),
  bad("FilterExpression syntax error", { FilterExpression: "n >" }, 'Invalid FilterExpression: Syntax error; token: "<EOF>", near: ">"'),
  bad("ExpressionAttributeValues without expressions", { ScanFilter: { n: { ComparisonOperator: "NOT_NULL" } }, ExpressionAttributeValues: { ":a": S("a") } }, "ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null"),
  bad("Select SPECIFIC_ATTRIBUTES without a projection", { Select: "SPECIFIC_ATTRIBUTES" }, "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"), // bare for Scan (DX 2026)
  bad("ProjectionExpression with Select ALL_ATTRIBUTES", { Select: "ALL_ATTRIBUTES", ProjectionExpression: "n" }, "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"),
  bad("ProjectionExpression with Select COUNT", { Select: "COUNT", ProjectionExpression: "n" }, "Cannot specify the ProjectionExpression when choosing to get only the Count"),
  bad("ALL_PROJECTED_ATTRIBUTES without an index", { Select: "ALL_PROJECTED_ATTRIBUTES" }, "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
  bad("Limit 0", { Limit: 0 }, LIMIT_ONE + violation("0", "limit", "Member must have value greater than or equal to 1")), // NC 2026: Scan keeps the value and lower-case limit
  { name: "missing table", op: "Scan", request: scan(), expect: notFound() },

  // ---------------------------------------------------------------------------------------------
  // Limit, LastEvaluatedKey, ExclusiveStartKey (notes §2.1, §2.3, §3.2)
  {
    name: "Limit: a page and a LastEvaluatedKey with the table key only",
    setup: H_SETUP,
    op: "Scan",
    request: scan({ Limit: 2 }),
    expect: ok({ Items: length(2), Count: 2, ScannedCount: 2, LastEvaluatedKey: keysOnly("pk") }),
  },
  {
    name: "Limit equal to the item count still returns a LastEvaluatedKey", // DL test/scan.js:3118-3166 (real DynamoDB)
    setup: H_SETUP,
    op: "Scan",
    request: scan({ Limit: 6 }),
    expect: ok({ Items: unordered(...H), Count: 6, ScannedCount: 6, LastEvaluatedKey: keysOnly("pk") }),
  },
  { name: "Limit above the item count: no LastEvaluatedKey", setup: H_SETUP, op: "Scan", request: scan({ Limit: 7 }), expect: all(H) },
  {
    name: "Limit counts items read before the filter",
    setup: R_SETUP,
    op: "Scan",
    request: { TableName: ONE, Limit: 3, FilterExpression: "v <> :two", ExpressionAttributeValues: { ":two": N("2") } },
    expect: ok({ Items: [R[0], R[2]], Count: 2, ScannedCount: 3, LastEvaluatedKey: { pk: S("p"), sk: N("3") } }),
  },
  { name: "one partition scans in sort-key order", setup: R_SETUP, op: "Scan", request: { TableName: ONE }, expect: page(R) },
  { name: "Limit in one partition", setup: R_SETUP, op: "Scan", request: { TableName: ONE, Limit: 2 }, expect: page(R.slice(0, 2), { LastEvaluatedKey: { pk: S("p"), sk: N("2") } }) },
  { name: "ExclusiveStartKey continues", setup: R_SETUP, op: "Scan", request: { TableName: ONE, Limit: 2, ExclusiveStartKey: { pk: S("p"), sk: N("2") } }, expect: page(R.slice(2, 4), { LastEvaluatedKey: { pk: S("p"), sk: N("4") } }) },
  { name: "ExclusiveStartKey need not exist", setup: R_SETUP, op: "Scan", request: { TableName: ONE, ExclusiveStartKey: { pk: S("p"), sk: N("3.5") } }, expect: page(R.slice(3)) }, // DL test/scan.js:2992-3033
  { name: "ExclusiveStartKey at the last item", setup: R_SETUP, op: "Scan", request: { TableName: ONE, ExclusiveStartKey: { pk: S("p"), sk: N("5") } }, expect: page([]) },
  {
    name: "Select COUNT keeps the LastEvaluatedKey", // DL test/scan.js:3058-3079
    setup: R_SETUP,
    op: "Scan",
    request: { TableName: ONE, Limit: 1, Select: "COUNT" },
    expect: ok({ Count: 1, ScannedCount: 1, LastEvaluatedKey: { pk: S("p"), sk: N("1") } }),
  },
  // table scan: wrong count or wrong type -> the prefixed text (DL test/scan.js:1030-1076)
  bad("ExclusiveStartKey missing the key", { ExclusiveStartKey: { x: S("a") } }, "The provided starting key is invalid: The provided key element does not match the schema"),
  bad("ExclusiveStartKey with an extra attribute", { ExclusiveStartKey: { pk: S("a"), x: S("a") } }, "The provided starting key is invalid: The provided key element does not match the schema"),
  bad("ExclusiveStartKey of the wrong type", { ExclusiveStartKey: { pk: N("1") } }, "The provided starting key is invalid: The provided key element does not match the schema"),
  bad("ExclusiveStartKey with an empty AttributeValue", { ExclusiveStartKey: { pk: {} } }, "The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
  {
    name: "range table ExclusiveStartKey missing the sort key",
    setup: R_SETUP.slice(0, 1),
    op: "Scan",
    request: { TableName: ONE, ExclusiveStartKey: { pk: S("p") } },
    expect: validation("The provided starting key is invalid: The provided key element does not match the schema"),
  },

  // ---------------------------------------------------------------------------------------------
  // Parallel scan (notes §3.1, §3.3)
  coverage(2),
  coverage(3),
  coverage(7),
  nesting(),
  {
    name: "one segment of one is the whole table",
    setup: H_SETUP,
    op: "Scan",
    request: scan({ Segment: 0, TotalSegments: 1 }),
    expect: all(H),
  },
  bad("Segment without TotalSegments", { Segment: 1 }, "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"),
  bad("Segment 0 without TotalSegments", { Segment: 0 }, "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"), // NC 2026 (newer than DL's model)
  bad("TotalSegments without Segment", { TotalSegments: 2 }, "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"),
  bad("Segment equal to TotalSegments", { Segment: 5, TotalSegments: 5 }, "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not less than TotalSegments: 5"),
  bad("Segment above TotalSegments", { Segment: 2, TotalSegments: 1 }, "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 1"),
  bad("TotalSegments 0", { Segment: 0, TotalSegments: 0 }, LIMIT_ONE + violation("0", "totalSegments", "Member must have value greater than or equal to 1")),
  bad(
    "negative Segment, TotalSegments and Limit", // DL test/scan.js:144-169
    { Segment: -1, TotalSegments: -1, Limit: -1 },
    violations(
      violation("-1", "totalSegments", "Member must have value greater than or equal to 1"),
      violation("-1", "segment", "Member must have value greater than or equal to 0"),
      violation("-1", "limit", "Member must have value greater than or equal to 1"),
    ),
  ),
  // UNVERIFIED wording (DX has "Value at 'totalSegments' ... between 1 and 1000000"); the engine's
  // plain constraint text is plausible
  bad("TotalSegments above 1000000", { Segment: 0, TotalSegments: 1000001 }, LIMIT_ONE + violation("1000001", "totalSegments", "Member must have value less than or equal to 1000000")),
  {
    name: "segment checks come before the table lookup", // notes §3.1 (DL validations/scan.js:106-121)
    op: "Scan",
    request: scan({ Segment: 3, TotalSegments: 2 }),
    expect: validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 2"),
  },
  bad("segment checks come before the expressions", { Segment: 1, FilterExpression: "(" }, "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"),
  // A key hashes into one of a million segments: Segment 0 is (all but surely) the wrong one.
  bad(
    "ExclusiveStartKey from another segment", // DL test/scan.js:1119-1146
    { Segment: 0, TotalSegments: 1000000, ExclusiveStartKey: { pk: S("a") } },
    "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 1000000 Segment: 0",
  ),

  // ---------------------------------------------------------------------------------------------
  // Index scans (notes §3.1, §3.2, §4.3)
  { name: "GSI scan: sparse, keys only", setup: IT_SETUP, op: "Scan", request: { TableName: IT, IndexName: "byG" }, expect: all([i1, i2].map(byG)) },
  { name: "multi-attribute GSI scan: sparse, INCLUDE", setup: IT_SETUP, op: "Scan", request: { TableName: IT, IndexName: "multi" }, expect: all([i1, i3].map(multi)) },
  { name: "LSI scan: sparse, ALL", setup: IT_SETUP, op: "Scan", request: { TableName: IT, IndexName: "byL" }, expect: all([i2, i1]) },
  { name: "LSI scan in index order within a partition", setup: IT_SETUP, op: "Scan", request: { TableName: IT, IndexName: "byL", ConsistentRead: true }, expect: page([i2, i1]) },
  { name: "GSI scan with a filter on the index key", setup: IT_SETUP, op: "Scan", request: { TableName: IT, IndexName: "byG", FilterExpression: "g = :g", ExpressionAttributeValues: { ":g": S("G") } }, expect: all([byG(i1)], 2) },
  { name: "GSI scan Select COUNT", setup: IT_SETUP, op: "Scan", request: { TableName: IT, IndexName: "multi", Select: "COUNT" }, expect: ok({ Count: 2, ScannedCount: 2 }) },
  {
    name: "GSI scan LastEvaluatedKey has the index and the table key", // notes §2.3
    setup: IT_SETUP,
    op: "Scan",
    request: { TableName: IT, IndexName: "byG", Limit: 1 },
    expect: ok({ Items: length(1), Count: 1, ScannedCount: 1, LastEvaluatedKey: keysOnly("g", "gr", "pk", "sk") }),
  },
  {
    name: "multi-attribute GSI scan LastEvaluatedKey",
    setup: IT_SETUP,
    op: "Scan",
    request: { TableName: IT, IndexName: "multi", Limit: 1 },
    expect: ok({ Items: length(1), Count: 1, ScannedCount: 1, LastEvaluatedKey: keysOnly("h1", "h2", "r1", "r2", "pk", "sk") }),
  },
  {
    name: "GSI scan parallel segments",
    setup: IT_SETUP,
    op: "Scan",
    request: { TableName: IT, IndexName: "byG", Segment: 0, TotalSegments: 1 },
    expect: all([i1, i2].map(byG)),
  },
  badIdx("unknown IndexName", { IndexName: "nope" }, "The table does not have the specified index: nope"),
  badIdx("GSI ConsistentRead", { IndexName: "byG", ConsistentRead: true }, "Consistent reads are not supported on global secondary indexes"),
  badIdx("GSI Select ALL_ATTRIBUTES on a KEYS_ONLY index", { IndexName: "byG", Select: "ALL_ATTRIBUTES" }, INVALID + "Select type ALL_ATTRIBUTES is not supported for global secondary index byG because its projection type is not ALL"), // DL test/scan.js:975-985
  badIdx("GSI ExclusiveStartKey without the table key", { IndexName: "byG", ExclusiveStartKey: { g: S("G"), gr: N("1") } }, "The provided starting key is invalid"), // DL test/scan.js:903-960
  badIdx("GSI ExclusiveStartKey index key of the wrong type", { IndexName: "byG", ExclusiveStartKey: { g: N("1"), gr: N("1"), pk: S("a"), sk: N("1") } }, "The provided key element does not match the schema"), // DL :987-1028
  badIdx("GSI ExclusiveStartKey table key of the wrong type", { IndexName: "byG", ExclusiveStartKey: { g: S("G"), gr: N("1"), pk: S("a"), sk: S("1") } }, "The provided starting key is invalid: The provided key element does not match the schema"), // DL :1078-1117
  badIdx("multi GSI ExclusiveStartKey missing a component", { IndexName: "multi", ExclusiveStartKey: pick(i1, "h1", "h2", "r1", "pk", "sk") }, "The provided starting key is invalid"),
  {
    name: "unknown IndexName on a missing table",
    op: "Scan",
    request: { TableName: IT, IndexName: "nope" },
    expect: notFound(),
  },
];

conformance("Scan", cases);
