/**
 * PartiQL conformance: ExecuteStatement (SELECT, INSERT, UPDATE, DELETE), BatchExecuteStatement and
 * ExecuteTransaction, translated by the engine onto the item operations (wasm/src/ops/partiql_plan.h).
 * Sources: moto's tests/test_dynamodb/test_dynamodb_statements.py, cases marked aws_verified (run
 * against real DynamoDB) ("moto-aws") and the others ("moto"); DynamoDB Local's PartiQL message
 * table (ddb.partiql.shared.exceptions.ValidationExceptionMessages, "DDBLocal"); the AWS CLI's
 * documented ExecuteStatement answer to a duplicate INSERT ("CLI docs"). The detail after "Statement
 * wasn't well formed, can't be processed: " is ours (DynamoDB's parser's words are not recorded).
 */
import {
  ANY,
  HASH_TABLE,
  PAIRS,
  PAIRS_TABLE,
  TABLE,
  conformance,
  err,
  expectItem,
  notFound,
  ok,
  okSubset,
  pk,
  put,
  re,
  validation,
  type Case,
} from "./runner.js";

const stmt = (Statement: string, extra: Record<string, unknown> = {}) => ({ Statement, ...extra });
const ITEM1 = { ...pk("msg1"), body: { S: "some text" }, nested_attrs: { M: { some: { S: "key" } } }, price: { N: "123.4" } };
const ITEM2 = { ...pk("msg2"), body: { S: "n/a" }, unique_key: { S: "key" } };
const TWO_ITEMS = [HASH_TABLE, put(ITEM1), put(ITEM2)];
const PRODUCTS = [
  { ...pk("0"), NameLower: { S: "lambda" }, DescriptionLower: { S: "run code in under 15 minutes" }, Price: { N: "2E-7" }, Category: { S: "free" }, FreeTier: { N: "1E+6" } },
  { ...pk("1"), NameLower: { S: "auto scaling" }, DescriptionLower: { S: "automatically scale" }, Price: { N: "0" }, Category: { S: "free" }, FreeTier: { NULL: true } },
  { ...pk("2"), NameLower: { S: "ec2" }, DescriptionLower: { S: "servers in the cloud" }, Price: { N: "7.2" }, Category: { S: "trial" } },
];
const INCOMPLETE_KEY = "Where clause does not contain a mandatory equality on all key attributes";

const cases: Case[] = [
  {
    name: "SELECT by partition key", // moto-aws test_execute_statement_select_by_pk
    setup: TWO_ITEMS,
    op: "ExecuteStatement",
    request: stmt(`SELECT * FROM "${TABLE}" WHERE pk = 'msg1'`),
    expect: ok({ Items: [ITEM1] }),
  },
  {
    name: "SELECT with a parameter and a projection", // moto-aws test_execute_statement_select_attr
    setup: TWO_ITEMS,
    op: "ExecuteStatement",
    request: stmt(`SELECT pk, nested_attrs.some FROM ${TABLE} WHERE pk = ?`, { Parameters: [{ S: "msg1" }] }),
    expect: ok({ Items: [{ ...pk("msg1"), nested_attrs: { M: { some: { S: "key" } } } }] }),
  },
  {
    name: "SELECT with every kind of condition runs as a Scan", // moto-aws test_execute_statement_with_all_clauses
    setup: [HASH_TABLE, ...PRODUCTS.map((p) => put(p))],
    op: "ExecuteStatement",
    request: stmt(`SELECT pk FROM "${TABLE}" WHERE (contains("NameLower", 'code') OR contains("DescriptionLower", 'code')) ` +
      `AND Category = 'free' AND Price >= 0 AND Price <= 1 AND FreeTier IS NOT MISSING AND attribute_type("FreeTier", 'N')`),
    expect: ok({ Items: [pk("0")] }),
  },
  {
    name: "SELECT on an unknown index", // moto-aws test_execute_statement_on_unknown_gsi_table
    setup: [HASH_TABLE],
    op: "ExecuteStatement",
    request: stmt(`select * from ${TABLE}.test_gsi`),
    expect: validation("The table does not have the specified index"),
  },
  {
    name: "SELECT on an index of an unknown table", // moto-aws test_execute_statement_on_unknown_gsi_table
    op: "ExecuteStatement",
    request: stmt("select * from whatnow.test_gsi"),
    expect: notFound(),
  },
  {
    name: "SELECT with Limit answers a NextToken",
    setup: [PAIRS_TABLE, put({ ...pk("p"), sk: { N: "1" } }, PAIRS), put({ ...pk("p"), sk: { N: "2" } }, PAIRS)],
    op: "ExecuteStatement",
    request: stmt(`SELECT sk FROM ${PAIRS} WHERE pk = 'p' ORDER BY sk DESC`, { Limit: 1 }),
    expect: okSubset({ Items: [{ sk: { N: "2" } }], NextToken: ANY }),
  },
  {
    name: "ORDER BY without WHERE", // DDBLocal MISSING_WHERE_CLAUSE_FOR_ORDER_BY
    setup: [PAIRS_TABLE],
    op: "ExecuteStatement",
    request: stmt(`SELECT * FROM ${PAIRS} ORDER BY sk`),
    expect: validation("Must have WHERE clause in the statement when using ORDER BY clause."),
  },
  {
    name: "INSERT answers no items", // moto-aws test_insert_data
    setup: TWO_ITEMS,
    op: "ExecuteStatement",
    request: stmt(`INSERT INTO "${TABLE}" value {'pk': 'msg4', 'attr':{'sth': ['other']}}`),
    expect: ok({ Items: [] }),
    after: [expectItem(pk("msg4"), { ...pk("msg4"), attr: { M: { sth: { L: [{ S: "other" }] } } } })],
  },
  {
    name: "INSERT of an existing key", // CLI docs, DDBLocal DUPLICATE_ITEM_IN_TABLE
    setup: TWO_ITEMS,
    op: "ExecuteStatement",
    request: stmt(`INSERT INTO "${TABLE}" VALUE {'pk': 'msg1'}`),
    expect: err("DuplicateItemException", "Duplicate primary key exists in table"),
    after: [expectItem(pk("msg1"), ITEM1)],
  },
  {
    name: "UPDATE sets and removes attributes", // moto-aws test_update_data
    setup: TWO_ITEMS,
    op: "ExecuteStatement",
    request: stmt(`UPDATE "${TABLE}" SET body='other' REMOVE price WHERE pk='msg1'`),
    expect: ok({ Items: [] }),
    after: [expectItem(pk("msg1"), { ...pk("msg1"), body: { S: "other" }, nested_attrs: ITEM1.nested_attrs })],
  },
  {
    name: "UPDATE ... RETURNING ALL NEW *",
    setup: TWO_ITEMS,
    op: "ExecuteStatement",
    request: stmt(`UPDATE "${TABLE}" SET n = 1 WHERE pk = 'msg2' RETURNING ALL NEW *`),
    expect: ok({ Items: [{ ...ITEM2, n: { N: "1" } }] }),
  },
  {
    name: "DELETE by key", // moto-aws test_delete_data
    setup: TWO_ITEMS,
    op: "ExecuteStatement",
    request: stmt(`DELETE FROM "${TABLE}" WHERE pk='msg1'`),
    expect: ok({ Items: [] }),
    after: [expectItem(pk("msg1"))],
  },
  {
    name: "DELETE without the full key", // DDBLocal INCOMPLETE_KEY_IN_WHERE_CLAUSE
    setup: [PAIRS_TABLE],
    op: "ExecuteStatement",
    request: stmt(`DELETE FROM ${PAIRS} WHERE pk = 'a'`),
    expect: validation(INCOMPLETE_KEY),
  },
  {
    name: "parameters and placeholders differ in number", // DDBLocal PARAMETERS_IN_STATEMENT_AND_PARAMETERS_IN_REQUEST
    setup: [HASH_TABLE],
    op: "ExecuteStatement",
    request: stmt(`SELECT * FROM ${TABLE} WHERE pk = ? AND x = ?`, { Parameters: [{ S: "a" }] }),
    expect: validation("Number of parameters in request and statement don't match."),
  },
  {
    name: "a statement that does not parse", // DDBLocal INVALID_STATEMENT
    setup: [HASH_TABLE],
    op: "ExecuteStatement",
    request: stmt(`SELEKT * FROM ${TABLE}`),
    expect: validation(re(/^Statement wasn't well formed, can't be processed: /)),
  },
  {
    name: "BatchExecuteStatement runs each statement", // moto test_batch_update
    setup: [HASH_TABLE, put({ ...pk("XXXX"), first_name: { S: "test1" } }), put(pk("YYYY"))],
    op: "BatchExecuteStatement",
    request: {
      Statements: [
        stmt(`UPDATE ${TABLE} SET "first_name" = ? WHERE "pk"= ?`, { Parameters: [{ S: "test5" }, { S: "XXXX" }] }),
        stmt(`DELETE FROM ${TABLE} WHERE pk='YYYY'`),
        stmt(`INSERT INTO ${TABLE} value {'pk': 'new'}`),
      ],
    },
    expect: ok({ Responses: [{ TableName: TABLE }, { TableName: TABLE }, { TableName: TABLE }] }),
    after: [expectItem(pk("XXXX"), { ...pk("XXXX"), first_name: { S: "test5" } }), expectItem(pk("YYYY")), expectItem(pk("new"), pk("new"))],
  },
  {
    name: "BatchExecuteStatement answers each statement's error in its entry", // moto test_without_primary_key_in_where_clause (the unknown table quoted: a hyphen needs quotes)
    setup: TWO_ITEMS,
    op: "BatchExecuteStatement",
    request: {
      Statements: [
        stmt(`select pk from "unknown-table"`),
        stmt(`select pk from ${TABLE}`),
        stmt(`select * from ${TABLE} where pk = ?`, { Parameters: [{ S: "msg1" }] }),
      ],
    },
    expect: ok({
      Responses: [
        { Error: { Code: "ResourceNotFound", Message: "Requested resource not found" } },
        { Error: { Code: "ValidationError", Message: "Select statements within BatchExecuteStatement must specify the primary key in the where clause." }, TableName: TABLE },
        { TableName: TABLE, Item: ITEM1 },
      ],
    }),
  },
  {
    name: "ExecuteTransaction of reads", // moto TestExecuteTransaction (reads by key)
    setup: TWO_ITEMS,
    op: "ExecuteTransaction",
    request: { TransactStatements: [stmt(`select * from ${TABLE} where pk = ?`, { Parameters: [{ S: "msg2" }] })] },
    expect: ok({ Responses: [{ Item: ITEM2 }] }),
  },
  {
    name: "ExecuteTransaction of writes commits them together",
    setup: TWO_ITEMS,
    op: "ExecuteTransaction",
    request: { TransactStatements: [stmt(`INSERT INTO ${TABLE} VALUE {'pk': 'n1'}`), stmt(`DELETE FROM ${TABLE} WHERE pk = 'msg2'`)] },
    expect: ok({}),
    after: [expectItem(pk("n1"), pk("n1")), expectItem(pk("msg2"))],
  },
];

conformance("PartiQL", cases);
