/**
 * DeleteTable conformance. Sources: /work/notes/dynamodb-messages.md §3 ("notes"), dynalite
 * test/deleteTable.js ("DL").
 */
import {
  HASH_TABLE,
  NAME_PATTERN,
  TABLE,
  conformance,
  createTable,
  notFound,
  ok,
  okSubset,
  put,
  serialization,
  validation,
  violation,
  ABSENT,
  type Case,
} from "./runner.js";

const LENGTH = "TableName must be at least 3 characters long and at most 255 characters long";

const cases: Case[] = [
  {
    name: "existing table: DELETING description, then gone",
    setup: [HASH_TABLE, createTable("other")],
    op: "DeleteTable",
    request: { TableName: TABLE },
    expect: okSubset({
      TableDescription: {
        TableName: TABLE,
        TableStatus: "DELETING",
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        GlobalSecondaryIndexes: ABSENT, // DL test/deleteTable.js:90-91
      },
    }),
    after: [
      { op: "DescribeTable", body: { TableName: TABLE }, expect: notFound(`Requested resource not found: Table: ${TABLE} not found`) },
      { op: "ListTables", body: {}, expect: ok({ TableNames: ["other"] }) },
      { op: "GetItem", body: { TableName: TABLE, Key: { pk: { S: "a" } } }, expect: notFound() },
    ],
  },
  {
    name: "table with items; a new table of the same name is empty",
    setup: [HASH_TABLE, put({ pk: { S: "a" }, x: { N: "1" } })],
    op: "DeleteTable",
    request: { TableName: TABLE },
    expect: okSubset({ TableDescription: { TableName: TABLE, TableStatus: "DELETING" } }),
    after: [
      { ...HASH_TABLE, expect: okSubset({ TableDescription: { TableName: TABLE, ItemCount: 0 } }) },
      { op: "GetItem", body: { TableName: TABLE, Key: { pk: { S: "a" } } }, expect: ok({}) },
    ],
  },
  {
    name: "missing table", // DL test/deleteTable.js:52-55
    op: "DeleteTable",
    request: { TableName: "nothere" },
    expect: notFound("Requested resource not found: Table: nothere not found"),
  },
  {
    name: "missing TableName", // DL test/deleteTable.js:25-50
    op: "DeleteTable",
    request: {},
    expect: validation("The parameter 'TableName' is required but was not present in the request"),
  },
  { name: "TableName of 2 characters", op: "DeleteTable", request: { TableName: "ab" }, expect: validation(LENGTH) },
  { name: "TableName of 256 characters", op: "DeleteTable", request: { TableName: "b".repeat(256) }, expect: validation(LENGTH) },
  {
    name: "TableName failing the pattern",
    setup: [HASH_TABLE],
    op: "DeleteTable",
    request: { TableName: "items!" },
    expect: validation(`1 validation error detected: ${violation("items!", "tableName", NAME_PATTERN)}`),
  },
  {
    name: "TableName as a decimal",
    setup: [HASH_TABLE],
    op: "DeleteTable",
    request: { TableName: 1.5 },
    expect: serialization("DECIMAL_VALUE cannot be converted to String"),
  },
  {
    name: "TableName as an object",
    setup: [HASH_TABLE],
    op: "DeleteTable",
    request: { TableName: {} },
    expect: serialization("Start of structure or map found where not expected"),
  },
];

conformance("DeleteTable", cases);
