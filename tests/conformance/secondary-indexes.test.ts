/**
 * Secondary indexes in CreateTable (GSI, LSI, multi-attribute GSI keys): validation messages
 * (notes §4.1, §6.1), the index shapes in CreateTable/DescribeTable (§4.2), and write errors for
 * index key types and empty values (§4.3, §6.3). Sources: /work/notes/dynamodb-query-scan-indexes.md
 * ("notes §"), AQ (live AWS probes 2026-10), DL (dynalite test/*.js, real captures), DX/SC (2026).
 */
import {
  ABSENT,
  INVALID,
  NOT_NULL,
  anyOf,
  conformance,
  ok,
  okSubset,
  re,
  validation,
  violation,
  type Case,
  type Step,
} from "./runner.js";

type Obj = Record<string, unknown>;
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const defs = (...d: Array<[string, string]>) => d.map(([n, t]) => ({ AttributeName: n, AttributeType: t }));
const ks = (...k: Array<[string, string]>) => k.map(([n, t]) => ({ AttributeName: n, KeyType: t }));
const H = (n: string): [string, string] => [n, "HASH"];
const R = (n: string): [string, string] => [n, "RANGE"];
const ALL = { ProjectionType: "ALL" };
const KEYS_ONLY = { ProjectionType: "KEYS_ONLY" };
const PT = { ReadCapacityUnits: 2, WriteCapacityUnits: 3 };
const gsi = (name: string, keys: Array<[string, string]>, projection: Obj = ALL, extra: Obj = {}) => ({
  IndexName: name,
  KeySchema: ks(...keys),
  Projection: projection,
  ...extra,
});
const lsi = (name: string, range: string, projection: Obj = ALL) => ({ IndexName: name, KeySchema: ks(H("pk"), R(range)), Projection: projection });
/** A PAY_PER_REQUEST table "idx" keyed (pk S, sk S), with these extra S definitions. */
const table = (extraDefs: string[], extra: Obj): Obj => ({
  TableName: "idx",
  BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: defs(["pk", "S"], ["sk", "S"], ...extraDefs.map((n): [string, string] => [n, "S"])),
  KeySchema: ks(H("pk"), R("sk")),
  ...extra,
});
const bad = (name: string, request: Obj, message: string | ReturnType<typeof re>, extra: Partial<Case> = {}): Case => ({
  name,
  op: "CreateTable",
  request,
  expect: validation(message),
  ...extra,
});
const one = (path: string, value: string | null, constraint: string) => `1 validation error detected: ${violation(value, path, constraint)}`;
const ARN = (t: string, i: string) => re(new RegExp(`^arn:aws:dynamodb:[^:]+:\\d{12}:table/${t}/index/${i}$`));
const STATUS = anyOf("CREATING", "ACTIVE"); // AWS answers CREATING first; an index ACTIVE at once is a legal observation

/** The description of a GSI on a PAY_PER_REQUEST table (notes §4.2; DL test/createTable.js:1298-1447). */
const gsiDescription = (t: string, name: string, keys: Array<[string, string]>, projection: Obj = ALL, throughput = { ReadCapacityUnits: 0, WriteCapacityUnits: 0 }) => ({
  IndexName: name,
  KeySchema: ks(...keys),
  Projection: projection,
  IndexStatus: STATUS,
  ProvisionedThroughput: { NumberOfDecreasesToday: 0, ...throughput },
  IndexSizeBytes: 0,
  ItemCount: 0,
  IndexArn: ARN(t, name),
});
/** An LSI description has no IndexStatus and no ProvisionedThroughput (DL test/createTable.js:1232-1295). */
const lsiDescription = (t: string, name: string, range: string, projection: Obj = ALL) => ({
  IndexName: name,
  KeySchema: ks(H("pk"), R(range)),
  Projection: projection,
  IndexSizeBytes: 0,
  ItemCount: 0,
  IndexArn: ARN(t, name),
});

// ---- the table for write checks: GSI byG (g S), multi (h1 S, h2 N / r1 B), LSI byL (pk, l S)
const WT = "wtab";
const CREATE_WT: Step = {
  op: "CreateTable",
  body: {
    TableName: WT,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: defs(["pk", "S"], ["sk", "N"], ["g", "S"], ["h1", "S"], ["h2", "N"], ["r1", "B"], ["l", "S"]),
    KeySchema: ks(H("pk"), R("sk")),
    GlobalSecondaryIndexes: [gsi("byG", [H("g")], KEYS_ONLY), gsi("multi", [H("h1"), H("h2"), R("r1")])],
    LocalSecondaryIndexes: [lsi("byL", "l")],
  },
};
const KEY = { pk: S("a"), sk: N("1") };
const putBad = (name: string, attrs: Obj, message: string, extra: Partial<Case> = {}): Case => ({
  name,
  setup: [CREATE_WT],
  op: "PutItem",
  request: { TableName: WT, Item: { ...KEY, ...attrs } },
  expect: validation(message),
  ...extra,
});
const mismatch = (attr: string, want: string, got: string, index: string) =>
  `${INVALID}Type mismatch for Index Key ${attr} Expected: ${want} Actual: ${got} IndexName: ${index}`;
const empty = (kind: "string" | "binary", index: string, attr: string) =>
  `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${kind} value. IndexName: ${index}, IndexKey: ${attr}`;

const FULL = table(["g", "l"], {
  GlobalSecondaryIndexes: [gsi("byG", [H("g"), R("sk")], { ProjectionType: "INCLUDE", NonKeyAttributes: ["x", "y"] })],
  LocalSecondaryIndexes: [lsi("byL", "l", KEYS_ONLY)],
});

const cases: Case[] = [
  // ---------------------------------------------------------------------------------------------
  // Successes and shapes (notes §4.2)
  {
    name: "GSI and LSI in the CreateTable answer",
    op: "CreateTable",
    request: FULL,
    expect: okSubset({
      TableDescription: {
        TableName: "idx",
        GlobalSecondaryIndexes: [gsiDescription("idx", "byG", [H("g"), R("sk")], { ProjectionType: "INCLUDE", NonKeyAttributes: ["x", "y"] })],
        LocalSecondaryIndexes: [
          { ...lsiDescription("idx", "byL", "l", KEYS_ONLY), IndexStatus: ABSENT, ProvisionedThroughput: ABSENT },
        ],
      },
    }),
  },
  {
    name: "DescribeTable shows the indexes exactly",
    setup: [{ op: "CreateTable", body: FULL }],
    op: "DescribeTable",
    request: { TableName: "idx" },
    expect: okSubset({
      Table: {
        AttributeDefinitions: defs(["pk", "S"], ["sk", "S"], ["g", "S"], ["l", "S"]),
        GlobalSecondaryIndexes: [gsiDescription("idx", "byG", [H("g"), R("sk")], { ProjectionType: "INCLUDE", NonKeyAttributes: ["x", "y"] })],
        LocalSecondaryIndexes: [lsiDescription("idx", "byL", "l", KEYS_ONLY)],
      },
    }),
    after: [
      // exact entries (no extra members such as Backfilling)
      {
        op: "DescribeTable",
        body: { TableName: "idx" },
        expect: {
          status: 200,
          body: {
            Table: {
              GlobalSecondaryIndexes: [
                {
                  ...gsiDescription("idx", "byG", [H("g"), R("sk")], { ProjectionType: "INCLUDE", NonKeyAttributes: ["x", "y"] }),
                  IndexStatus: "ACTIVE",
                  Backfilling: ABSENT,
                },
              ],
            },
          },
          subset: true,
        },
      },
    ],
  },
  {
    name: "GSI on a PROVISIONED table carries its throughput",
    op: "CreateTable",
    request: {
      ...table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], KEYS_ONLY, { ProvisionedThroughput: PT })] }),
      BillingMode: undefined,
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
    },
    expect: okSubset({ TableDescription: { GlobalSecondaryIndexes: [gsiDescription("idx", "byG", [H("g")], KEYS_ONLY, PT)] } }),
  },
  {
    name: "several GSIs and LSIs (any order)", // DL test/createTable.js:1282,1352: AWS does not keep the request order
    op: "CreateTable",
    request: table(["a", "b"], {
      GlobalSecondaryIndexes: [gsi("gs1", [H("a")]), gsi("gs2", [H("b"), R("a")], KEYS_ONLY)],
      LocalSecondaryIndexes: [lsi("ls1", "a"), lsi("ls2", "b", KEYS_ONLY)],
    }),
    expect: okSubset({
      TableDescription: {
        GlobalSecondaryIndexes: anyOf(
          [gsiDescription("idx", "gs1", [H("a")]), gsiDescription("idx", "gs2", [H("b"), R("a")], KEYS_ONLY)],
          [gsiDescription("idx", "gs2", [H("b"), R("a")], KEYS_ONLY), gsiDescription("idx", "gs1", [H("a")])],
        ),
        LocalSecondaryIndexes: anyOf(
          [lsiDescription("idx", "ls1", "a"), lsiDescription("idx", "ls2", "b", KEYS_ONLY)],
          [lsiDescription("idx", "ls2", "b", KEYS_ONLY), lsiDescription("idx", "ls1", "a")],
        ),
      },
    }),
  },
  {
    name: "multi-attribute GSI with 4 HASH and 4 RANGE, echoed in order", // notes §6.1 (AQ DDB-TABLE-123)
    op: "CreateTable",
    request: table(["h1", "h2", "h3", "h4", "r1", "r2", "r3", "r4"], {
      GlobalSecondaryIndexes: [gsi("big", [H("h3"), H("h1"), H("h4"), H("h2"), R("r2"), R("r1"), R("r4"), R("r3")])],
    }),
    expect: okSubset({
      TableDescription: { GlobalSecondaryIndexes: [gsiDescription("idx", "big", [H("h3"), H("h1"), H("h4"), H("h2"), R("r2"), R("r1"), R("r4"), R("r3")])] },
    }),
  },
  {
    name: "multi-attribute GSI with two HASH and no RANGE",
    op: "CreateTable",
    request: table(["a", "b"], { GlobalSecondaryIndexes: [gsi("two", [H("a"), H("b")])] }),
    expect: okSubset({ TableDescription: { GlobalSecondaryIndexes: [gsiDescription("idx", "two", [H("a"), H("b")])] } }),
  },
  {
    name: "multi-attribute GSI with mixed types", // SC test_table_gsi_mixed_types
    op: "CreateTable",
    request: {
      ...table([], { GlobalSecondaryIndexes: [gsi("mix", [H("s"), H("n"), R("b"), R("pk")])] }),
      AttributeDefinitions: defs(["pk", "S"], ["sk", "S"], ["s", "S"], ["n", "N"], ["b", "B"]),
    },
    expect: okSubset({ TableDescription: { GlobalSecondaryIndexes: [gsiDescription("idx", "mix", [H("s"), H("n"), R("b"), R("pk")])] } }),
  },
  {
    name: "GSI named like the table, GSI on the table key, LSI on the table sort key are accepted", // AQ DDB-TABLE-129
    op: "CreateTable",
    request: table([], { GlobalSecondaryIndexes: [gsi("idx", [H("pk"), R("sk")])], LocalSecondaryIndexes: [lsi("same", "sk")] }),
    expect: okSubset({ TableDescription: { GlobalSecondaryIndexes: [gsiDescription("idx", "idx", [H("pk"), R("sk")])], LocalSecondaryIndexes: [lsiDescription("idx", "same", "sk")] } }),
  },
  {
    name: "NonKeyAttributes may name key attributes", // AQ DDB-TABLE-126
    op: "CreateTable",
    request: table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], { ProjectionType: "INCLUDE", NonKeyAttributes: ["pk", "g", "z"] })] }),
    expect: okSubset({ TableDescription: { GlobalSecondaryIndexes: [gsiDescription("idx", "byG", [H("g")], { ProjectionType: "INCLUDE", NonKeyAttributes: ["pk", "g", "z"] })] } }),
  },
  {
    name: "20 GSIs and 5 LSIs are the limits",
    op: "CreateTable",
    request: table(["g"], {
      GlobalSecondaryIndexes: Array.from({ length: 20 }, (_, i) => gsi(`g${String(i).padStart(2, "0")}`, [H("g")], KEYS_ONLY)),
      LocalSecondaryIndexes: Array.from({ length: 5 }, (_, i) => lsi(`l${i}xx`, "g", KEYS_ONLY)),
    }),
    expect: okSubset({ TableDescription: { TableName: "idx" } }),
  },

  // ---------------------------------------------------------------------------------------------
  // CreateTable validation (notes §4.1)
  bad("duplicate GSI names", table(["g"], { GlobalSecondaryIndexes: [gsi("dup", [H("g")]), gsi("dup", [H("g")])] }), INVALID + "Duplicate index name: dup"),
  bad("GSI and LSI with the same name", table(["g"], { GlobalSecondaryIndexes: [gsi("dup", [H("g")])], LocalSecondaryIndexes: [lsi("dup", "g")] }), INVALID + "Duplicate index name: dup"),
  bad("21 GSIs", table(["g"], { GlobalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => gsi(`g${String(i).padStart(2, "0")}`, [H("g")])) }), INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20"),
  bad("6 LSIs", table(["l"], { LocalSecondaryIndexes: Array.from({ length: 6 }, (_, i) => lsi(`l${i}xx`, "l")) }), INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5"),
  bad("empty GSI list", table([], { GlobalSecondaryIndexes: [] }), INVALID + "List of GlobalSecondaryIndexes is empty"),
  bad("empty LSI list", table([], { LocalSecondaryIndexes: [] }), INVALID + "List of LocalSecondaryIndexes is empty"),
  bad("IndexName too short", table(["g"], { GlobalSecondaryIndexes: [gsi("ab", [H("g")])] }), one("globalSecondaryIndexes.1.member.indexName", "ab", "Member must have length greater than or equal to 3")),
  bad(
    "IndexName with bad characters",
    table(["l"], { LocalSecondaryIndexes: [lsi("l!x", "l")] }),
    one("localSecondaryIndexes.1.member.indexName", "l!x", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
  ),
  bad("IndexName missing", table(["g"], { GlobalSecondaryIndexes: [{ KeySchema: ks(H("g")), Projection: ALL }] }), one("globalSecondaryIndexes.1.member.indexName", null, NOT_NULL)),
  bad(
    "LSI on a table without a range key",
    { ...table(["l"], { LocalSecondaryIndexes: [lsi("byL", "l")] }), KeySchema: ks(H("pk")), AttributeDefinitions: defs(["pk", "S"], ["l", "S"]) },
    INVALID + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex",
  ),
  bad(
    "LSI with another hash key",
    table(["a", "l"], { LocalSecondaryIndexes: [{ IndexName: "l-a", KeySchema: ks(H("a"), R("l")), Projection: ALL }] }),
    INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: l-a. index hash key: a, table hash key: pk",
  ),
  bad("LSI without a range key", table([], { LocalSecondaryIndexes: [{ IndexName: "l-a", KeySchema: ks(H("pk")), Projection: ALL }] }), INVALID + "Index KeySchema does not have a range key for index: l-a"),
  bad(
    // AQ DDB-TABLE-123 gives only the constraint text; the element rendering follows messages notes §0.2
    "LSI KeySchema with 3 elements",
    table(["l", "m"], { LocalSecondaryIndexes: [{ IndexName: "l-a", KeySchema: ks(H("pk"), R("l"), R("m")), Projection: ALL }] }),
    re(
      /^1 validation error detected: Value '\[(KeySchemaElement\(attributeName=\w+, keyType=\w+\)|com\.amazonaws\.dynamodb\.v20120810\.KeySchemaElement@[0-9a-f]+)(, (KeySchemaElement\(attributeName=\w+, keyType=\w+\)|com\.amazonaws\.dynamodb\.v20120810\.KeySchemaElement@[0-9a-f]+)){2}\]' at 'localSecondaryIndexes\.1\.member\.keySchema' failed to satisfy constraint: Member must have length less than or equal to 2$/,
    ),
  ),
  // Projection (AQ DDB-TABLE-126)
  bad("Projection {}", table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], {})] }), INVALID + "Unknown ProjectionType: null"),
  bad("Projection missing", table(["g"], { GlobalSecondaryIndexes: [{ IndexName: "byG", KeySchema: ks(H("g")) }] }), one("globalSecondaryIndexes.1.member.projection", null, NOT_NULL)),
  bad(
    "ProjectionType in lower case",
    table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], { ProjectionType: "all" })] }),
    one("globalSecondaryIndexes.1.member.projection.projectionType", "all", "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]"),
  ),
  bad("INCLUDE without NonKeyAttributes", table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], { ProjectionType: "INCLUDE" })] }), INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"),
  bad("ALL with NonKeyAttributes", table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], { ProjectionType: "ALL", NonKeyAttributes: ["x"] })] }), INVALID + "ProjectionType is ALL, but NonKeyAttributes is specified"),
  bad("KEYS_ONLY with NonKeyAttributes", table(["l"], { LocalSecondaryIndexes: [lsi("byL", "l", { ProjectionType: "KEYS_ONLY", NonKeyAttributes: ["x"] })] }), INVALID + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified"),
  bad(
    "NonKeyAttributes empty",
    table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], { ProjectionType: "INCLUDE", NonKeyAttributes: [] })] }),
    one("globalSecondaryIndexes.1.member.projection.nonKeyAttributes", "[]", "Member must have length greater than or equal to 1"),
  ),
  bad("NonKeyAttributes duplicate", table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], { ProjectionType: "INCLUDE", NonKeyAttributes: ["x", "y", "x"] })] }), INVALID + "Duplicate element in NonKeyAttributes: x"),
  bad(
    "21 NonKeyAttributes", // AQ DDB-TABLE-126; scalar-labs/scalardb#107 quotes the same constraint
    table(["l"], { LocalSecondaryIndexes: [lsi("byL", "l", { ProjectionType: "INCLUDE", NonKeyAttributes: Array.from({ length: 21 }, (_, i) => `a${i}`) })] }),
    re(/^1 validation error detected: Value '\[.*\]' at 'localSecondaryIndexes\.1\.member\.projection\.nonKeyAttributes' failed to satisfy constraint: Member must have length less than or equal to 20$/),
  ),
  // AttributeDefinitions (AQ DDB-TABLE-127)
  bad(
    "unused AttributeDefinition with indexes",
    table(["g", "c"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")])] }),
    re(/^One or more parameter values were invalid: Some AttributeDefinitions are not used\. AttributeDefinitions: \[(pk|sk|g|c)(, (pk|sk|g|c)){3}\], keys used: \[(pk|sk|g)(, (pk|sk|g)){2}\]$/),
  ),
  bad(
    "unused AttributeDefinition is reported before Projection errors", // AQ DDB-TABLE-127: checked first
    table(["g", "c"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")], {})] }),
    re(/^One or more parameter values were invalid: Some AttributeDefinitions are not used\. /),
  ),
  bad(
    "index key attribute not defined",
    table([], { GlobalSecondaryIndexes: [gsi("byG", [H("q")])] }),
    re(/^One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions\. Keys: \[q\], AttributeDefinitions: \[(pk, sk|sk, pk)\]$/),
  ),
  bad(
    "duplicated AttributeDefinition", // AQ DDB-TABLE-127 (2026): no prefix
    { ...table(["g"], { GlobalSecondaryIndexes: [gsi("byG", [H("g")])] }), AttributeDefinitions: defs(["pk", "S"], ["sk", "S"], ["pk", "S"], ["g", "S"]) },
    "Attribute Name is duplicated: pk",
  ),
  // Throughput (AQ DDB-TABLE-128)
  bad(
    "PROVISIONED table, GSI without throughput",
    { ...table(["g"], { GlobalSecondaryIndexes: [gsi("g-a", [H("g")])] }), BillingMode: undefined, ProvisionedThroughput: PT },
    INVALID + "ProvisionedThroughput is not specified for index: g-a",
  ),
  bad(
    "PAY_PER_REQUEST table, GSI with throughput",
    table(["g"], { GlobalSecondaryIndexes: [gsi("g-a", [H("g")], ALL, { ProvisionedThroughput: PT })] }),
    INVALID + "ProvisionedThroughput should not be specified for index: g-a when BillingMode is PAY_PER_REQUEST",
  ),

  // ---------------------------------------------------------------------------------------------
  // Multi-attribute key schema rules (notes §6.1; AQ DDB-TABLE-123/124, 2026)
  bad("5 HASH attributes", table(["a", "b", "c", "d", "e"], { GlobalSecondaryIndexes: [gsi("five", ["a", "b", "c", "d", "e"].map(H))] }), INVALID + "The KeySchema exceeds the maximum allowed number of HASH key attributes"),
  bad("5 RANGE attributes", table(["h", "a", "b", "c", "d", "e"], { GlobalSecondaryIndexes: [gsi("five", [H("h"), ...["a", "b", "c", "d", "e"].map(R)])] }), INVALID + "The KeySchema exceeds the maximum allowed number of RANGE key attributes"),
  bad("HASH after RANGE", table(["a", "b", "c"], { GlobalSecondaryIndexes: [gsi("mix", [H("a"), R("b"), H("c")])] }), INVALID + "All HASH key attributes must precede RANGE key attributes in the KeySchema"),
  bad("first element RANGE", table(["a", "b"], { GlobalSecondaryIndexes: [gsi("rng", [R("a"), H("b")])] }), "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
  bad("RANGE only", table(["a"], { GlobalSecondaryIndexes: [gsi("rng", [R("a")])] }), "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
  bad("same attribute as two HASH elements", table(["a", "b"], { GlobalSecondaryIndexes: [gsi("dup", [H("a"), H("a"), R("b")])] }), "The KeySchema contains multiple key attributes with the same name"),
  bad("same attribute as HASH and RANGE in a 3-element schema", table(["a", "b"], { GlobalSecondaryIndexes: [gsi("dup", [H("a"), H("b"), R("a")])] }), "The KeySchema contains multiple key attributes with the same name"),

  // ---------------------------------------------------------------------------------------------
  // Writes: index key types and empty values (notes §4.3, §6.3)
  putBad("PutItem: GSI key of the wrong type", { g: N("1") }, mismatch("g", "S", "N", "byG")), // DL test/putItem.js:519-523
  putBad("PutItem: multi-attribute GSI component of the wrong type", { h1: S("x"), h2: S("1") }, mismatch("h2", "N", "S", "multi")),
  putBad("PutItem: LSI key of the wrong type", { l: { B: "AQ==" } }, mismatch("l", "S", "B", "byL")),
  // UNVERIFIED text (notes §4.3: "probably the Type mismatch form with Actual: M"); the engine gives that
  putBad("PutItem: map in an index key", { g: { M: {} } }, mismatch("g", "S", "M", "byG")),
  putBad("PutItem: empty string in a GSI key", { g: S("") }, empty("string", "byG", "g")),
  putBad("PutItem: empty string in an LSI key", { l: S("") }, empty("string", "byL", "l")),
  putBad("PutItem: empty binary in a multi-attribute GSI key", { h1: S("x"), h2: N("1"), r1: { B: "" } }, empty("binary", "multi", "r1")),
  putBad("PutItem: empty string in one component of an otherwise missing key", { h1: S("") }, empty("string", "multi", "h1")),
  {
    name: "PutItem: item without index keys is stored",
    setup: [CREATE_WT],
    op: "PutItem",
    request: { TableName: WT, Item: { ...KEY, other: S("") } },
    expect: ok({}),
    after: [{ op: "Scan", body: { TableName: WT, IndexName: "byG" }, expect: ok({ Items: [], Count: 0, ScannedCount: 0 }) }],
  },
  {
    name: "UpdateItem: index key set to the wrong type", // notes expressions §5 (DL test/updateItem.js:814-825): the put-path text
    setup: [CREATE_WT],
    op: "UpdateItem",
    request: { TableName: WT, Key: KEY, UpdateExpression: "SET g = :n", ExpressionAttributeValues: { ":n": N("1") } },
    expect: validation(mismatch("g", "S", "N", "byG")),
  },
  {
    name: "UpdateItem: index key set from another attribute of the wrong type", // DL test/updateItem.js:960-978
    setup: [CREATE_WT, { op: "PutItem", body: { TableName: WT, Item: { ...KEY, n: N("1") } } }],
    op: "UpdateItem",
    request: { TableName: WT, Key: KEY, UpdateExpression: "SET g = n" },
    expect: validation("The update expression attempted to update the secondary index key to unsupported type"),
  },
  {
    // notes §4.3: DX says the update path has its own text for "" (UNVERIFIED); the engine uses the put text
    name: "UpdateItem: index key set to an empty string is rejected",
    setup: [CREATE_WT],
    op: "UpdateItem",
    request: { TableName: WT, Key: KEY, UpdateExpression: "SET l = :e", ExpressionAttributeValues: { ":e": S("") } },
    expect: validation(re(/empty string value/)),
  },
  {
    name: "UpdateItem of a non-key attribute on an indexed item",
    setup: [CREATE_WT, { op: "PutItem", body: { TableName: WT, Item: { ...KEY, g: S("G") } } }],
    op: "UpdateItem",
    request: { TableName: WT, Key: KEY, UpdateExpression: "SET v = :n", ExpressionAttributeValues: { ":n": N("1") }, ReturnValues: "ALL_NEW" },
    expect: ok({ Attributes: { ...KEY, g: S("G"), v: N("1") } }),
  },
];

conformance("Secondary indexes (CreateTable, DescribeTable, writes)", cases);
