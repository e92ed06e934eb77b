/**
 * ListTables conformance. Sources: /work/notes/dynamodb-messages.md §4 ("notes"), dynalite
 * test/listTables.js ("DL"), NC tier1/listTables/basic.test.ts.
 */
import {
  NAME_PATTERN,
  conformance,
  createTable,
  ok,
  raw,
  serialization,
  validation,
  violation,
  violations,
  type Case,
  type Step,
} from "./runner.js";

const tables = (...names: string[]): Step[] => names.map((n) => createTable(n));
const FIVE = tables("ccc", "aaa", "eee", "bbb", "ddd");

const cases: Case[] = [
  { name: "no tables", op: "ListTables", request: {}, expect: ok({ TableNames: [] }) },
  {
    name: "names in ascending byte order", // NC tier1/listTables/basic.test.ts:39-44
    setup: tables("b-t", "B-t", "a.t", "A_t", "0tt"),
    op: "ListTables",
    request: {},
    expect: ok({ TableNames: ["0tt", "A_t", "B-t", "a.t", "b-t"] }),
  },
  {
    name: "Limit smaller than the count gives LastEvaluatedTableName",
    setup: FIVE,
    op: "ListTables",
    request: { Limit: 2 },
    expect: ok({ TableNames: ["aaa", "bbb"], LastEvaluatedTableName: "bbb" }),
  },
  {
    name: "Limit equal to the count gives no LastEvaluatedTableName", // DL test/listTables.js:251-264
    setup: FIVE,
    op: "ListTables",
    request: { Limit: 5 },
    expect: ok({ TableNames: ["aaa", "bbb", "ccc", "ddd", "eee"] }),
  },
  {
    name: "ExclusiveStartTableName is exclusive", // DL test/listTables.js:208-240
    setup: FIVE,
    op: "ListTables",
    request: { ExclusiveStartTableName: "bbb", Limit: 2 },
    expect: ok({ TableNames: ["ccc", "ddd"], LastEvaluatedTableName: "ddd" }),
  },
  {
    name: "ExclusiveStartTableName need not exist",
    setup: FIVE,
    op: "ListTables",
    request: { ExclusiveStartTableName: "bzz" },
    expect: ok({ TableNames: ["ccc", "ddd", "eee"] }),
  },
  {
    name: "ExclusiveStartTableName after the last table",
    setup: FIVE,
    op: "ListTables",
    request: { ExclusiveStartTableName: "zzz" },
    expect: ok({ TableNames: [] }),
  },
  {
    name: "unknown keys and nulls are ignored", // DL test/listTables.js:125-141
    setup: tables("aaa"),
    op: "ListTables",
    request: { hi: "yo", Limit: null, ExclusiveStartTableName: null },
    expect: ok({ TableNames: ["aaa"] }),
  },
  {
    name: "Limit 0", // DL test/listTables.js:67-79
    op: "ListTables",
    request: { Limit: 0 },
    expect: validation(
      `1 validation error detected: ${violation("0", "limit", "Member must have value greater than or equal to 1")}`,
    ),
  },
  {
    name: "Limit 101",
    op: "ListTables",
    request: { Limit: 101 },
    expect: validation(
      `1 validation error detected: ${violation("101", "limit", "Member must have value less than or equal to 100")}`,
    ),
  },
  {
    name: "empty ExclusiveStartTableName", // DL test/listTables.js:38-45
    op: "ListTables",
    request: { ExclusiveStartTableName: "" },
    expect: validation(
      violations(
        violation("", "exclusiveStartTableName", NAME_PATTERN),
        violation("", "exclusiveStartTableName", "Member must have length greater than or equal to 3"),
      ),
    ),
  },
  {
    name: "three violations at once", // DL test/listTables.js:47-56
    op: "ListTables",
    request: { ExclusiveStartTableName: "a;", Limit: 500 },
    expect: validation(
      violations(
        violation("500", "limit", "Member must have value less than or equal to 100"),
        violation("a;", "exclusiveStartTableName", NAME_PATTERN),
        violation("a;", "exclusiveStartTableName", "Member must have length greater than or equal to 3"),
      ),
    ),
  },
  {
    name: "ExclusiveStartTableName of 256 characters", // DL test/listTables.js:58-65
    op: "ListTables",
    request: { ExclusiveStartTableName: "a".repeat(256) },
    expect: validation(
      `1 validation error detected: ${violation("a".repeat(256), "exclusiveStartTableName", "Member must have length less than or equal to 255")}`,
    ),
  },
  {
    name: "Limit as a string",
    op: "ListTables",
    request: { Limit: "5" },
    expect: serialization("STRING_VALUE cannot be converted to Integer"),
  },
  {
    name: "Limit as a boolean",
    op: "ListTables",
    request: { Limit: true },
    expect: serialization("TRUE_VALUE cannot be converted to Integer"),
  },
  {
    name: "empty body is a SerializationException without message", // DL test/listTables.js:16-23
    op: "ListTables",
    request: raw(""),
    expect: { status: 400, body: { __type: "com.amazon.coral.service#SerializationException" } },
  },
];

conformance("ListTables", cases);
