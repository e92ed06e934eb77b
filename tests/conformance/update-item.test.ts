/**
 * UpdateItem conformance: UpdateExpression SET/REMOVE/ADD/DELETE semantics and errors, key updates,
 * ReturnValues, legacy AttributeUpdates. Condition syntax shared with other operations is in
 * expressions.test.ts. Sources: /work/notes/dynamodb-expressions.md §3, §5 ("notes"), dynalite
 * test/updateItem.js ("DL"), NC tier1/updateItem/*.test.ts and tier3 (real AWS 2026), DX CHANGELOG.
 */
import {
  HASH_TABLE,
  INVALID,
  PAIRS,
  PAIRS_TABLE,
  TABLE,
  conditionFailed,
  conformance,
  expectItem,
  notFound,
  ok,
  pk,
  put,
  unordered,
  validation,
  type Case,
} from "./runner.js";

const n = (v: string) => ({ N: v });
const s = (v: string) => ({ S: v });
const BASE = {
  ...pk("a"),
  n: n("5"),
  s: s("str"),
  l: { L: [n("1"), n("2"), n("3")] },
  m: { M: { a: n("1"), b: { L: [s("x")] } } },
  ss: { SS: ["a", "b"] },
  ns: { NS: ["1", "2"] },
};
const setup = [HASH_TABLE, put(BASE)];

function upd(expr: string, values?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    TableName: TABLE,
    Key: pk("a"),
    UpdateExpression: expr,
    ...(values ? { ExpressionAttributeValues: values } : {}),
    ...extra,
  };
}
/** A successful update whose item afterwards is exactly `after` (ALL_NEW). */
const works = (name: string, expr: string, values: Record<string, unknown> | undefined, after: Record<string, unknown>, extra: Record<string, unknown> = {}): Case => ({
  name,
  setup,
  op: "UpdateItem",
  request: upd(expr, values, { ReturnValues: "ALL_NEW", ...extra }),
  expect: ok({ Attributes: after }),
  after: [expectItem(pk("a"), after)],
});
const fails = (name: string, expr: string, values: Record<string, unknown> | undefined, message: string, extra: Record<string, unknown> = {}): Case => ({
  name,
  setup,
  op: "UpdateItem",
  request: upd(expr, values, extra),
  expect: validation(message),
});
const U = "Invalid UpdateExpression: ";
const MISSING = "The provided expression refers to an attribute that does not exist in the item";
const DATA_TYPE = "An operand in the update expression has an incorrect data type";
const DOC_PATH = "The document path provided in the update expression is invalid for update";

const cases: Case[] = [
  // ---- SET (notes §3.4)
  works("SET a new attribute", "SET x = :v", { ":v": s("new") }, { ...BASE, x: s("new") }),
  works("SET replaces an attribute", "SET s = :v", { ":v": n("1") }, { ...BASE, s: n("1") }),
  works("SET n + :v", "SET n = n + :v", { ":v": n("2.5") }, { ...BASE, n: n("7.5") }),
  works("SET :v - n", "SET n = :v - n", { ":v": n("1") }, { ...BASE, n: n("-4") }),
  works("SET arithmetic stays exact at 38 digits", "SET n = n + :v", { ":v": n("0.0000000000000000000000000000000001") }, { ...BASE, n: n("5.0000000000000000000000000000000001") }),
  works("SET in parentheses", "SET n = (n - :v)", { ":v": n("5") }, { ...BASE, n: n("0") }), // DX CHANGELOG 0.11.0
  works("SET values read the item before the update", "SET n = :v, x = n", { ":v": n("9") }, { ...BASE, n: n("9"), x: n("5") }),
  works("SET list_append at the end", "SET l = list_append(l, :v)", { ":v": { L: [n("4")] } }, { ...BASE, l: { L: [n("1"), n("2"), n("3"), n("4")] } }),
  works("SET list_append at the front", "SET l = list_append(:v, l)", { ":v": { L: [n("0")] } }, { ...BASE, l: { L: [n("0"), n("1"), n("2"), n("3")] } }),
  works("SET if_not_exists on a missing attribute", "SET x = if_not_exists(x, :v)", { ":v": n("1") }, { ...BASE, x: n("1") }),
  works("SET if_not_exists on a present attribute", "SET n = if_not_exists(n, :v)", { ":v": n("1") }, BASE),
  works("SET nested functions", "SET x = list_append(if_not_exists(x, :e), :v)", { ":e": { L: [] }, ":v": { L: [s("q")] } }, { ...BASE, x: { L: [s("q")] } }), // DL test/updateItem.js:724
  works("SET a list element", "SET l[1] = :v", { ":v": s("two") }, { ...BASE, l: { L: [n("1"), s("two"), n("3")] } }),
  // an index past the end appends (NC tier1/updateItem/paths.test.ts:83-118)
  works("SET a list index past the end appends", "SET l[10] = :v", { ":v": n("4") }, { ...BASE, l: { L: [n("1"), n("2"), n("3"), n("4")] } }),
  works("SET a nested map path", "SET m.c = :v, m.b[0] = :w", { ":v": n("3"), ":w": s("y") }, { ...BASE, m: { M: { a: n("1"), b: { L: [s("y")] }, c: n("3") } } }),
  works("SET copies a key attribute's value (key on the right is fine)", "SET x = pk", undefined, { ...BASE, x: s("a") }), // DL test/updateItem.js:1526
  works("keywords are case-insensitive", "set x = :v remove s", { ":v": n("1") }, (() => { const { s: _s, ...rest } = BASE; return { ...rest, x: n("1") }; })()),

  // ---- REMOVE
  works("REMOVE attributes", "REMOVE s, ns", undefined, (() => { const { s: _s, ns: _ns, ...rest } = BASE; return rest; })()),
  works("REMOVE a list element shifts the rest", "REMOVE l[0]", undefined, { ...BASE, l: { L: [n("2"), n("3")] } }), // NC paths.test.ts:224-292
  works("REMOVE several list elements", "REMOVE l[0], l[2]", undefined, { ...BASE, l: { L: [n("2")] } }),
  works("REMOVE a missing attribute or index is a no-op", "REMOVE nothere, l[7]", undefined, BASE), // NC basic.test.ts:249-279
  works("REMOVE a nested map entry", "REMOVE m.a", undefined, { ...BASE, m: { M: { b: { L: [s("x")] } } } }),

  // ---- ADD (notes §3.4)
  works("ADD to a number", "ADD n :v", { ":v": n("-7") }, { ...BASE, n: n("-2") }),
  works("ADD a number to a missing attribute", "ADD x :v", { ":v": n("3") }, { ...BASE, x: n("3") }), // NC basic.test.ts:348-367
  works("ADD to a string set drops duplicates", "ADD ss :v", { ":v": { SS: ["b", "c"] } }, { ...BASE, ss: { SS: unordered("a", "b", "c") } }),
  works("ADD a number set to a missing attribute", "ADD x :v", { ":v": { NS: ["1"] } }, { ...BASE, x: { NS: ["1"] } }),

  // ---- DELETE
  works("DELETE from a set", "DELETE ss :v", { ":v": { SS: ["a", "zz"] } }, { ...BASE, ss: { SS: ["b"] } }),
  works("DELETE the last members removes the attribute", "DELETE ns :v", { ":v": { NS: ["1", "2.0"] } }, (() => { const { ns: _ns, ...rest } = BASE; return rest; })()), // NC basic.test.ts:402-422
  works("DELETE on a missing attribute is a no-op", "DELETE x :v", { ":v": { SS: ["a"] } }, BASE),
  works("all four sections at once, any order", "DELETE ss :d ADD n :one REMOVE s SET x = :one", { ":d": { SS: ["a"] }, ":one": n("1") }, (() => { const { s: _s, ...rest } = BASE; return { ...rest, ss: { SS: ["b"] }, n: n("6"), x: n("1") }; })()),

  // ---- creating items (notes §3.4)
  {
    name: "update of a missing item creates it",
    setup,
    op: "UpdateItem",
    request: { ...upd("SET x = :v", { ":v": n("1") }), Key: pk("new") },
    expect: ok({}),
    after: [expectItem(pk("new"), { ...pk("new"), x: n("1") })],
  },
  {
    name: "update with only a Key creates the key-only item", // DL test/updateItem.js:1009-1022
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("new") },
    expect: ok({}),
    after: [expectItem(pk("new"), pk("new"))],
  },
  {
    name: "failed condition on a missing item does not create it", // NC conditions.test.ts:276-397
    setup,
    op: "UpdateItem",
    request: { ...upd("SET x = :v", { ":v": n("1") }), Key: pk("new"), ConditionExpression: "attribute_exists(pk)" },
    expect: conditionFailed(),
    after: [expectItem(pk("new"))],
  },
  {
    name: "missing table",
    op: "UpdateItem",
    request: upd("SET x = :v", { ":v": n("1") }),
    expect: notFound(),
  },

  // ---- ReturnValues (notes §3.5)
  {
    name: "ReturnValues ALL_OLD",
    setup,
    op: "UpdateItem",
    request: upd("SET n = :v", { ":v": n("6") }, { ReturnValues: "ALL_OLD" }),
    expect: ok({ Attributes: BASE }),
  },
  {
    name: "ReturnValues ALL_OLD on a new item", // DL test/updateItem.js:1024-1047
    setup,
    op: "UpdateItem",
    request: { ...upd("SET n = :v", { ":v": n("6") }, { ReturnValues: "ALL_OLD" }), Key: pk("new") },
    expect: ok({}),
  },
  {
    name: "ReturnValues UPDATED_OLD",
    setup,
    op: "UpdateItem",
    request: upd("SET n = :v, x = :v REMOVE s", { ":v": n("6") }, { ReturnValues: "UPDATED_OLD" }),
    expect: ok({ Attributes: { n: n("5"), s: s("str") } }),
  },
  {
    name: "ReturnValues UPDATED_NEW",
    setup,
    op: "UpdateItem",
    request: upd("SET n = :v, x = :v REMOVE s", { ":v": n("6") }, { ReturnValues: "UPDATED_NEW" }),
    expect: ok({ Attributes: { n: n("6"), x: n("6") } }),
  },
  {
    // only the updated fragment, nested in its containers (DX CHANGELOG 0.11.0 #36)
    name: "ReturnValues UPDATED_NEW of a nested path",
    setup,
    op: "UpdateItem",
    request: upd("SET m.a = :v", { ":v": n("6") }, { ReturnValues: "UPDATED_NEW" }),
    expect: ok({ Attributes: { m: { M: { a: n("6") } } } }),
  },
  {
    name: "ReturnValues UPDATED_OLD of list elements", // DL test/updateItem.js:1487-1519
    setup,
    op: "UpdateItem",
    request: upd("SET l[2] = :v, l[0] = :v", { ":v": n("6") }, { ReturnValues: "UPDATED_OLD" }),
    expect: ok({ Attributes: { l: { L: [n("1"), n("3")] } } }),
  },
  {
    name: "ReturnValues UPDATED_NEW after REMOVE only has no Attributes", // DX CHANGELOG #36
    setup,
    op: "UpdateItem",
    request: upd("REMOVE s", undefined, { ReturnValues: "UPDATED_NEW" }),
    expect: ok({}),
  },
  {
    name: "ReturnConsumedCapacity TOTAL", // write units as for PutItem (messages notes §5.3)
    setup,
    op: "UpdateItem",
    request: upd("SET x = :v", { ":v": n("1") }, { ReturnConsumedCapacity: "TOTAL" }),
    expect: ok({ ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE } }),
  },
  {
    name: "ReturnValuesOnConditionCheckFailure ALL_OLD", // NC tier1/updateItem/conditions.test.ts:238-272
    setup,
    op: "UpdateItem",
    request: upd("SET n = :v", { ":v": n("6") }, { ConditionExpression: "n > :v", ReturnValuesOnConditionCheckFailure: "ALL_OLD" }),
    expect: conditionFailed(BASE),
  },

  // ---- key attributes (notes §3.2)
  fails("SET of the hash key", "SET pk = :v", { ":v": s("b") }, INVALID + "Cannot update attribute pk. This attribute is part of the key"),
  fails("REMOVE of the hash key", "REMOVE pk", undefined, INVALID + "Cannot update attribute pk. This attribute is part of the key"),
  fails("nested SET under the hash key", "SET pk.x = :v", { ":v": s("b") }, INVALID + "Cannot update attribute pk. This attribute is part of the key"),
  {
    name: "ADD to the range key", // NC tier3/error-messages/updateItem.test.ts:184
    setup: [PAIRS_TABLE, put({ ...pk("a"), sk: n("1") }, PAIRS)],
    op: "UpdateItem",
    request: { TableName: PAIRS, Key: { ...pk("a"), sk: n("1") }, UpdateExpression: "ADD sk :v", ExpressionAttributeValues: { ":v": n("1") } },
    expect: validation(INVALID + "Cannot update attribute sk. This attribute is part of the key"),
  },

  // ---- runtime errors (notes §3.3)
  fails("SET from a missing attribute", "SET x = nothere", undefined, MISSING), // DL test/updateItem.js:887-898
  fails("SET arithmetic with a missing attribute", "SET x = nothere + :v", { ":v": n("1") }, MISSING),
  fails("list_append with a missing attribute", "SET x = list_append(nothere, :v)", { ":v": { L: [] } }, MISSING),
  fails("+ on a string attribute", "SET x = s + :v", { ":v": n("1") }, DATA_TYPE), // DL test/updateItem.js:859-884
  fails("list_append on a map attribute", "SET x = list_append(m, :v)", { ":v": { L: [] } }, DATA_TYPE),
  fails("ADD a number to a string set", "ADD ss :v", { ":v": n("1") }, DATA_TYPE),
  fails("ADD a number set to a string set", "ADD ss :v", { ":v": { NS: ["1"] } }, DATA_TYPE),
  fails("ADD a number to a string", "ADD s :v", { ":v": n("1") }, DATA_TYPE),
  fails("DELETE a number set from a string set", "DELETE ss :v", { ":v": { NS: ["1"] } }, DATA_TYPE),
  fails("SET under a missing parent", "SET nothere.x = :v", { ":v": n("1") }, DOC_PATH), // DL test/updateItem.js:900-958
  fails("SET a map key on a list", "SET l.x = :v", { ":v": n("1") }, DOC_PATH),
  fails("SET an index on a map", "SET m[0] = :v", { ":v": n("1") }, DOC_PATH),
  fails("SET an index on a missing attribute", "SET nothere[0] = :v", { ":v": n("1") }, DOC_PATH),
  fails("ADD under a scalar", "ADD s.x :v", { ":v": n("1") }, DOC_PATH),
  // results obey the number limits (notes §3.3, UNVERIFIED as an update capture; rules of §7.3 of the
  // messages notes): 9e125 + 9e125 = 1.8e126 overflows; 1e125 + 1 needs 126 significant digits
  fails("SET arithmetic overflow", "SET n = :v + :v", { ":v": n("9e125") }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
  // A result needing more than 38 digits is also "Number overflow" (scylladb alternator
  // test/alternator/test_number.py test_update_expression_plus_imprecise, run against DynamoDB:
  // "Strangely, DynamoDB says that the error is: Number overflow ..." for 1e50 - 1); issue #18.5.
  fails("SET arithmetic beyond 38 digits", "SET n = :v + n", { ":v": n("1e125") }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
  fails("SET 1e50 - 1", "SET n = :v - :w", { ":v": n("1e50"), ":w": n("1") }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
  fails("ADD beyond 38 digits", "ADD n :v", { ":v": n("1e50") }, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
  fails("ADD overflow", "ADD n :v", { ":v": n("9.9999999999999999999999999999999999999E+125") }, "Number overflow. Attempting to store a number with magnitude larger than supported range"), // ExtendDB/extenddb#94 (captured)
  fails("SET arithmetic underflow", "SET n = :v - :w", { ":v": n("1.1E-130"), ":w": n("1E-130") }, "Number underflow. Attempting to store a number with magnitude smaller than supported range"),

  // ---- tokens and functions (issue #18.2): a name starts with a letter (DynamoDB's Tokens.g4;
  // aws/aws-sdk-js#1691: 'Syntax error; token: "_", near: "set _something"'; moto
  // test_dynamodb_expression_tokenizer.py:111 "= _idid"); "-" is arithmetic, not part of a name
  fails("a name starting with _", "set _x = :v", { ":v": n("1") }, U + 'Syntax error; token: "_", near: "set _x"'),
  fails("a value name starting with _", "SET x = _y", undefined, U + 'Syntax error; token: "_", near: "= _y"'),
  fails("a name starting with a digit", "SET 2x = :v", { ":v": n("1") }, U + 'Syntax error; token: "2", near: "SET 2x"'),
  fails("- inside a path", "SET a-b = :v", { ":v": n("1") }, U + 'Syntax error; token: "-", near: "a-b"'),
  fails("$ inside a name", "SET a$b = :v", { ":v": n("1") }, U + 'Syntax error; token: "$", near: "a$b"'),
  fails("a list index with a leading zero", "SET l[01] = :v", { ":v": n("1") }, U + 'Syntax error; token: "1", near: "01]"'),
  works("- between names is arithmetic", "SET x = n-n", undefined, { ...BASE, x: n("0") }),
  // A condition function in an update is "not allowed in an update expression" (emulators written
  // against DynamoDB agree on the text; no AWS capture found); if_not_exists nests in list_append.
  fails("size in SET", "SET x = size(s)", undefined, U + "The function is not allowed in an update expression; function: size"),
  fails("attribute_exists in SET", "SET x = list_append(l, attribute_exists(s))", undefined, U + "The function is not allowed in an update expression; function: attribute_exists"),
  works("if_not_exists inside list_append", "SET y = list_append(if_not_exists(y, :e), :v)", { ":e": { L: [] }, ":v": { L: [n("9")] } }, { ...BASE, y: { L: [n("9")] } }),

  // ---- parse-time errors (notes §3.1)
  fails("SET twice", "SET x = :v SET y = :v", { ":v": n("1") }, U + 'The "SET" section can only be used once in an update expression;'),
  fails("remove twice, lower case", "remove x remove y", undefined, U + 'The "REMOVE" section can only be used once in an update expression;'),
  fails("overlapping paths", "SET m = :v REMOVE m.a", { ":v": n("1") }, U + "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, a]"),
  fails("same path twice", "SET x = :v, x = :w", { ":v": n("1"), ":w": n("2") }, U + "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [x], path two: [x]"), // HENNGE/aiodynamo#2
  fails("conflicting paths", "SET m.a = :v, m[1] = :v", { ":v": n("1") }, U + "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [m, a], path two: [m, [1]]"), // DL test/updateItem.js:595-607
  fails("ADD a string", "ADD x :v", { ":v": s("a") }, U + "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"), // DL test/updateItem.js:610-633
  fails("DELETE a number", "DELETE ns :v", { ":v": n("1") }, U + "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER"),
  fails("ADD a list", "ADD l :v", { ":v": { L: [] } }, U + "Incorrect operand type for operator or function; operator: ADD, operand type: LIST"),
  fails("list_append of a string value", "SET x = list_append(l, :v)", { ":v": s("a") }, U + "Incorrect operand type for operator or function; operator or function: list_append, operand type: S"),
  fails("+ of a boolean value", "SET x = n + :v", { ":v": { BOOL: true } }, U + "Incorrect operand type for operator or function; operator or function: +, operand type: BOOL"),
  fails("if_not_exists with one operand", "SET x = if_not_exists(n)", undefined, U + "Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1"),
  fails("if_not_exists of a value", "SET x = if_not_exists(:v, n)", { ":v": n("1") }, U + "Operator or function requires a document path; operator or function: if_not_exists"),
  fails("unknown function", "SET x = if_not_exist(n, :v)", { ":v": n("1") }, U + "Invalid function name; function: if_not_exist"),
  fails("two + in one SET value", "SET x = n + :v + :v", { ":v": n("1") }, U + 'Syntax error; token: "+", near: ":v + :v"'),
  fails("empty UpdateExpression", "", undefined, U + "The expression can not be empty;"),

  // ---- updates that create nothing (issue #18.1): on a missing item an update made only of removals
  // (REMOVE, DELETE of set elements, AttributeUpdates DELETE) writes nothing, so ALL_NEW and
  // UPDATED_NEW return no Attributes (scylladb/scylladb#5862, checked against DynamoDB:
  // "If the update requests just to delete an attribute ... if the item did not previously exist, it
  // is not created"). An empty update does create the key-only item (ExtendDB/extenddb#119, captured).
  ...([
    ["REMOVE", { UpdateExpression: "REMOVE a, m.b", ReturnValues: "ALL_NEW" }],
    ["DELETE of set elements", { UpdateExpression: "DELETE ss :v", ExpressionAttributeValues: { ":v": { SS: ["a"] } }, ReturnValues: "UPDATED_NEW" }],
    ["AttributeUpdates DELETE", { AttributeUpdates: { a: { Action: "DELETE" }, ss: { Action: "DELETE", Value: { SS: ["a"] } } }, ReturnValues: "ALL_NEW" }],
  ] as const).map(([what, extra]): Case => ({
    name: `${what} on a missing item creates nothing`,
    setup: [HASH_TABLE],
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("z"), ...extra },
    expect: ok({}),
    after: [expectItem(pk("z"))],
  })),
  {
    name: "REMOVE beside ADD on a missing item creates it",
    setup: [HASH_TABLE],
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("z"), UpdateExpression: "REMOVE a ADD c :v", ExpressionAttributeValues: { ":v": n("1") }, ReturnValues: "ALL_NEW" },
    expect: ok({ Attributes: { ...pk("z"), c: n("1") } }),
    after: [expectItem(pk("z"), { ...pk("z"), c: n("1") })],
  },
  {
    name: "an update without actions creates the key-only item",
    setup: [HASH_TABLE],
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("z"), ReturnValues: "ALL_NEW" },
    expect: ok({ Attributes: pk("z") }),
    after: [expectItem(pk("z"), pk("z"))],
  },
  {
    name: "REMOVE of every attribute keeps an existing item",
    setup,
    op: "UpdateItem",
    request: upd("REMOVE n, s, l, m, ss, ns", undefined, { ReturnValues: "ALL_NEW" }),
    expect: ok({ Attributes: pk("a") }),
    after: [expectItem(pk("a"), pk("a"))],
  },

  // ---- legacy AttributeUpdates (notes §5.3)
  {
    name: "AttributeUpdates PUT, ADD and DELETE",
    setup,
    op: "UpdateItem",
    request: {
      TableName: TABLE,
      Key: pk("a"),
      AttributeUpdates: {
        x: { Value: s("new") },
        n: { Action: "ADD", Value: n("1") },
        ss: { Action: "DELETE", Value: { SS: ["a"] } },
        s: { Action: "DELETE" },
      },
      ReturnValues: "ALL_NEW",
    },
    expect: ok({ Attributes: (() => { const { s: _s, ...rest } = BASE; return { ...rest, x: s("new"), n: n("6"), ss: { SS: ["b"] } }; })() }),
  },
  {
    name: "AttributeUpdates ADD appends to a list (legacy only)",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), AttributeUpdates: { l: { Action: "ADD", Value: { L: [n("4")] } } }, ReturnValues: "UPDATED_NEW" },
    expect: ok({ Attributes: { l: { L: [n("1"), n("2"), n("3"), n("4")] } } }),
  },
  {
    name: "AttributeUpdates PUT without a value",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), AttributeUpdates: { x: { Action: "PUT" } } },
    expect: validation(INVALID + "Only DELETE action is allowed when no attribute value is specified"),
  },
  {
    name: "AttributeUpdates DELETE with a string value", // DL test/updateItem.js:266-283
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), AttributeUpdates: { s: { Action: "DELETE", Value: s("x") } } },
    expect: validation(INVALID + "DELETE action with value is not supported for the type S"),
  },
  {
    name: "AttributeUpdates ADD of a map", // DL test/updateItem.js:285-309
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), AttributeUpdates: { m: { Action: "ADD", Value: { M: {} } } } },
    expect: validation(INVALID + "ADD action is not supported for the type M"),
  },
  {
    name: "AttributeUpdates ADD a number to a string", // DL test/updateItem.js:840-857
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), AttributeUpdates: { s: { Action: "ADD", Value: n("1") } } },
    expect: validation("Type mismatch for attribute to update"),
  },
  {
    name: "AttributeUpdates on the key",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), AttributeUpdates: { pk: { Value: s("b") } } },
    expect: validation(INVALID + "Cannot update attribute pk. This attribute is part of the key"),
  },
  {
    name: "AttributeUpdates with UpdateExpression", // NC tier3/error-messages/updateItem.test.ts:145
    setup,
    op: "UpdateItem",
    request: { ...upd("SET x = :v", { ":v": n("1") }), AttributeUpdates: { x: { Value: n("1") } } },
    expect: validation(
      "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}",
    ),
  },
  {
    name: "everything mixed", // DL test/updateItem.js:162-173 (classic order)
    setup,
    op: "UpdateItem",
    request: {
      ...upd("SET x = :v", { ":v": n("1") }),
      ConditionExpression: "attribute_exists(x)",
      AttributeUpdates: { x: { Value: n("1") } },
      Expected: { x: { Exists: false } },
    },
    expect: validation(
      "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: {UpdateExpression, ConditionExpression}",
    ),
  },
  {
    name: "ExpressionAttributeValues without expressions", // DL test/updateItem.js:192
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), ExpressionAttributeValues: { ":v": n("1") } },
    expect: validation("ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null"),
  },
];

conformance("UpdateItem", cases);
