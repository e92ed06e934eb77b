/**
 * DescribeTable conformance. Sources: /work/notes/dynamodb-messages.md §2 ("notes"), dynalite
 * test/describeTable.js ("DL").
 */
import {
  HASH_TABLE,
  NAME_PATTERN,
  TABLE,
  anyOf,
  conformance,
  createTable,
  notFound,
  okSubset,
  put,
  serialization,
  validation,
  violation,
  type Case,
} from "./runner.js";

const LENGTH = "TableName must be at least 3 characters long and at most 255 characters long";

const cases: Case[] = [
  {
    name: "existing table",
    setup: [HASH_TABLE],
    op: "DescribeTable",
    request: { TableName: TABLE },
    expect: okSubset({
      Table: {
        TableName: TABLE,
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        TableStatus: anyOf("CREATING", "ACTIVE"),
        BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
      },
    }),
  },
  {
    name: "composite key table",
    setup: [createTable("pairs", { name: "sk", type: "B" })],
    op: "DescribeTable",
    request: { TableName: "pairs" },
    expect: okSubset({
      Table: {
        TableName: "pairs",
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
      },
    }),
  },
  {
    name: "table names are case-sensitive",
    setup: [HASH_TABLE],
    op: "DescribeTable",
    request: { TableName: "ITEMS" },
    expect: notFound("Requested resource not found: Table: ITEMS not found"),
  },
  {
    // table operations name the table (DL test/describeTable.js:47-50)
    name: "missing table",
    op: "DescribeTable",
    request: { TableName: "nothere" },
    expect: notFound("Requested resource not found: Table: nothere not found"),
  },
  {
    name: "missing TableName", // DL test/describeTable.js:20-23
    op: "DescribeTable",
    request: {},
    expect: validation("The parameter 'TableName' is required but was not present in the request"),
  },
  { name: "empty TableName", op: "DescribeTable", request: { TableName: "" }, expect: validation(LENGTH) }, // DL :25-38
  { name: "TableName of 2 characters", op: "DescribeTable", request: { TableName: "a;" }, expect: validation(LENGTH) },
  {
    name: "TableName of 256 characters",
    op: "DescribeTable",
    request: { TableName: "a".repeat(256) },
    expect: validation(LENGTH),
  },
  {
    name: "TableName failing the pattern", // DL test/describeTable.js:40-45
    op: "DescribeTable",
    request: { TableName: "abc;" },
    expect: validation(`1 validation error detected: ${violation("abc;", "tableName", NAME_PATTERN)}`),
  },
  {
    name: "TableName as a boolean",
    op: "DescribeTable",
    request: { TableName: true },
    expect: serialization("TRUE_VALUE cannot be converted to String"),
  },
  {
    name: "TableName as a list",
    op: "DescribeTable",
    request: { TableName: [] },
    expect: serialization("Unrecognized collection type class java.lang.String"),
  },
  {
    name: "unknown members are ignored", // notes §7.1
    setup: [HASH_TABLE, put({ pk: { S: "a" } })],
    op: "DescribeTable",
    request: { TableName: TABLE, Whatever: 1 },
    expect: okSubset({ Table: { TableName: TABLE } }),
  },
];

conformance("DescribeTable", cases);
