/**
 * CreateTable conformance. Sources: /work/notes/dynamodb-messages.md §1 (cited "notes §"), dynalite
 * test/createTable.js ("DL"), nubo-db/dynamodb-conformance ("NC", real AWS 2026).
 */
import {
  ABSENT,
  INVALID,
  NAME_PATTERN,
  NOT_NULL,
  TABLE,
  HASH_TABLE,
  anyOf,
  aNumber,
  conformance,
  createTable,
  err,
  ok,
  okSubset,
  re,
  serialization,
  validation,
  violation,
  violations,
  type Case,
} from "./runner.js";

const defs = (...names: string[]) => names.map((n) => ({ AttributeName: n, AttributeType: "S" }));
const keys = (...ks: Array<[string, string]>) => ks.map(([n, t]) => ({ AttributeName: n, KeyType: t }));
const PT = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };
const base = (extra: Record<string, unknown>) => ({
  TableName: "abc",
  AttributeDefinitions: defs("a"),
  KeySchema: keys(["a", "HASH"]),
  ProvisionedThroughput: PT,
  ...extra,
});
const UUID = re(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);

const cases: Case[] = [
  // ---- successes (notes §1.4; DL test/createTable.js:1145-1208)
  {
    name: "PAY_PER_REQUEST table description",
    op: "CreateTable",
    request: HASH_TABLE.body,
    expect: okSubset({
      TableDescription: {
        TableName: TABLE,
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        // AWS answers CREATING and turns ACTIVE later; an instantly ACTIVE table is a legal observation
        TableStatus: anyOf("CREATING", "ACTIVE"),
        ItemCount: 0,
        TableSizeBytes: 0,
        TableArn: re(/^arn:aws:dynamodb:[^:]+:\d{12}:table\/items$/),
        TableId: UUID,
        CreationDateTime: aNumber, // epoch seconds as a JSON number (notes §1.4)
        BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
        ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
        BillingMode: ABSENT, // the request's BillingMode key is not echoed (DL test/createTable.js:1193-1204)
      },
    }),
    after: [{ op: "ListTables", body: {}, expect: ok({ TableNames: [TABLE] }) }],
  },
  {
    name: "PROVISIONED table description has the throughput and no BillingModeSummary",
    op: "CreateTable",
    request: { ...createTable("prov").body as object, BillingMode: undefined, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 7 } },
    expect: okSubset({
      TableDescription: {
        TableName: "prov",
        ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 7 },
        BillingModeSummary: ABSENT, // DL test/createTable.js:1164-1168
        BillingMode: ABSENT,
      },
    }),
  },
  {
    name: "hash and range key table",
    op: "CreateTable",
    request: {
      TableName: "pairs",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "N" },
      ],
      KeySchema: keys(["pk", "HASH"], ["sk", "RANGE"]),
      BillingMode: "PAY_PER_REQUEST",
    },
    expect: okSubset({
      TableDescription: {
        TableName: "pairs",
        KeySchema: keys(["pk", "HASH"], ["sk", "RANGE"]),
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "N" },
        ],
      },
    }),
  },
  {
    name: "table name with every allowed character class, 255 long",
    op: "CreateTable",
    request: base({ TableName: "aZ0_.-" + "x".repeat(249) }),
    expect: okSubset({ TableDescription: { TableName: "aZ0_.-" + "x".repeat(249) } }),
  },

  // ---- table name (notes §1.1)
  {
    name: "missing TableName",
    op: "CreateTable",
    request: { AttributeDefinitions: defs("a"), KeySchema: keys(["a", "HASH"]), ProvisionedThroughput: PT },
    expect: validation("The parameter 'TableName' is required but was not present in the request"),
  },
  {
    // 2026 wording (NC tier3/error-messages/createTable.test.ts; notes §1.1); classic DL wording was
    // "TableName must be at least 3 characters long and at most 255 characters long".
    name: "TableName of 2 characters",
    op: "CreateTable",
    request: base({ TableName: "ab" }),
    expect: validation(
      `1 validation error detected: ${violation("ab", "tableName", "Member must have length greater than or equal to 3")}`,
    ),
  },
  {
    // DL test/createTable.js:191-200: regex failure is a normal violation, collected with the others
    name: "TableName failing the pattern, nothing else given",
    op: "CreateTable",
    request: { TableName: "abc;" },
    expect: validation(
      violations(
        violation(null, "attributeDefinitions", NOT_NULL),
        violation("abc;", "tableName", NAME_PATTERN),
        violation(null, "keySchema", NOT_NULL),
      ),
    ),
  },
  {
    name: "TableName of 256 characters",
    op: "CreateTable",
    request: base({ TableName: "a".repeat(256) }),
    expect: validation(
      `1 validation error detected: ${violation("a".repeat(256), "tableName", "Member must have length less than or equal to 255")}`,
    ),
  },

  // ---- constraints (notes §1.2)
  {
    name: "empty KeySchema",
    op: "CreateTable",
    request: base({ KeySchema: [] }),
    expect: validation(
      `1 validation error detected: ${violation("[]", "keySchema", "Member must have length greater than or equal to 1")}`,
    ),
  },
  {
    name: "AttributeType outside [B, N, S]", // DL test/createTable.js:312-328
    op: "CreateTable",
    request: base({ AttributeDefinitions: [{ AttributeName: "a", AttributeType: "SS" }] }),
    expect: validation(
      `1 validation error detected: ${violation("SS", "attributeDefinitions.1.member.attributeType", "Member must satisfy enum value set: [B, N, S]")}`,
    ),
  },
  {
    name: "KeyType outside [HASH, RANGE]", // NC 2026
    op: "CreateTable",
    request: base({ KeySchema: keys(["a", "INVALID"]) }),
    expect: validation(
      `1 validation error detected: ${violation("INVALID", "keySchema.1.member.keyType", "Member must satisfy enum value set: [HASH, RANGE]")}`,
    ),
  },
  {
    name: "attribute definition with nulls",
    op: "CreateTable",
    request: base({ AttributeDefinitions: [{}] }),
    expect: validation(
      violations(
        violation(null, "attributeDefinitions.1.member.attributeName", NOT_NULL),
        violation(null, "attributeDefinitions.1.member.attributeType", NOT_NULL),
      ),
    ),
  },
  {
    name: "BillingMode outside the enum",
    op: "CreateTable",
    request: base({ BillingMode: "A" }),
    expect: validation(
      `1 validation error detected: ${violation("A", "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")}`,
    ),
  },
  {
    name: "empty ProvisionedThroughput", // DL test/createTable.js:209-218
    op: "CreateTable",
    request: base({ ProvisionedThroughput: {} }),
    expect: validation(
      violations(
        violation(null, "provisionedThroughput.writeCapacityUnits", NOT_NULL),
        violation(null, "provisionedThroughput.readCapacityUnits", NOT_NULL),
      ),
    ),
  },
  {
    name: "negative WriteCapacityUnits",
    op: "CreateTable",
    request: base({ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: -1 } }),
    expect: validation(
      `1 validation error detected: ${violation("-1", "provisionedThroughput.writeCapacityUnits", "Member must have value greater than or equal to 1")}`,
    ),
  },

  // ---- semantic checks, one message (notes §1.3)
  {
    name: "PAY_PER_REQUEST with ProvisionedThroughput", // DL test/createTable.js:262-268
    op: "CreateTable",
    request: base({ BillingMode: "PAY_PER_REQUEST" }),
    expect: validation(
      INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
    ),
  },
  {
    name: "PROVISIONED without ProvisionedThroughput", // DL test/createTable.js:257-260
    op: "CreateTable",
    request: base({ ProvisionedThroughput: undefined }),
    expect: validation(
      INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
    ),
  },
  {
    name: "ReadCapacityUnits above 1e12", // DL test/createTable.js:270-280
    op: "CreateTable",
    request: base({ ProvisionedThroughput: { WriteCapacityUnits: 1000000000001, ReadCapacityUnits: 1000000000001 } }),
    expect: validation("Given value 1000000000001 for ReadCapacityUnits is out of bounds"),
  },
  {
    name: "WriteCapacityUnits above 1e12", // DL test/createTable.js:282-286
    op: "CreateTable",
    request: base({ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1000000000001 } }),
    expect: validation("Given value 1000000000001 for WriteCapacityUnits is out of bounds"),
  },
  {
    name: "more key elements than definitions", // DL test/createTable.js:288-293
    op: "CreateTable",
    request: base({ AttributeDefinitions: [], KeySchema: keys(["a", "HASH"], ["a", "HASH"]) }),
    expect: validation("Invalid KeySchema: Some index key attribute have no definition"),
  },
  {
    name: "key attribute not defined", // DL test/createTable.js:337-343
    op: "CreateTable",
    request: base({ AttributeDefinitions: defs("b") }),
    expect: validation(
      INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]",
    ),
  },
  {
    name: "hash and range key with the same name", // DL test/createTable.js:359-365
    op: "CreateTable",
    request: base({ AttributeDefinitions: defs("a", "b"), KeySchema: keys(["a", "HASH"], ["a", "HASH"]) }),
    expect: validation("Both the Hash Key and the Range Key element in the KeySchema have the same name"),
  },
  {
    name: "first key element not HASH", // DL test/createTable.js:375-381
    op: "CreateTable",
    request: base({ AttributeDefinitions: defs("a", "b"), KeySchema: keys(["a", "RANGE"], ["b", "HASH"]) }),
    expect: validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
  },
  {
    name: "second key element not RANGE", // DL test/createTable.js:367-373
    op: "CreateTable",
    request: base({ AttributeDefinitions: defs("a", "b"), KeySchema: keys(["a", "HASH"], ["b", "HASH"]) }),
    expect: validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"),
  },
  {
    name: "unused attribute definition", // DL test/createTable.js:399-407
    op: "CreateTable",
    request: base({ AttributeDefinitions: defs("a", "b") }),
    expect: validation(
      INVALID +
        "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions",
    ),
  },
  {
    // "Table already exists: <name>" (notes §1.3 item 10: real AWS output in Dynamoid#178; DX)
    name: "table that already exists",
    setup: [HASH_TABLE],
    op: "CreateTable",
    request: HASH_TABLE.body,
    expect: err("ResourceInUseException", `Table already exists: ${TABLE}`),
  },

  // ---- JSON types (notes §7.1; DL test/helpers.js:372-538)
  {
    name: "TableName as a number",
    op: "CreateTable",
    request: base({ TableName: 123 }),
    expect: serialization("NUMBER_VALUE cannot be converted to String"),
  },
  {
    name: "ReadCapacityUnits as a string",
    op: "CreateTable",
    request: base({ ProvisionedThroughput: { ReadCapacityUnits: "5", WriteCapacityUnits: 1 } }),
    expect: serialization("STRING_VALUE cannot be converted to Long"),
  },
  {
    name: "KeySchema as an object",
    op: "CreateTable",
    request: base({ KeySchema: {} }),
    expect: serialization("Start of structure or map found where not expected"),
  },
];

conformance("CreateTable", cases);
