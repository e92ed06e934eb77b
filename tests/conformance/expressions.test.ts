/**
 * The expression language across operations: ConditionExpression on PutItem/UpdateItem/DeleteItem
 * (comparators, BETWEEN, IN, AND/OR/NOT precedence, parentheses, functions, nested paths,
 * path-to-path comparisons, type mismatches), ProjectionExpression, ExpressionAttributeNames/Values,
 * reserved words, syntax errors, legacy Expected and the mixing error. Sources:
 * /work/notes/dynamodb-expressions.md ("notes"), dynalite test/*.js ("DL"), NC/DX (real AWS 2026).
 */
import {
  HASH_TABLE,
  INVALID,
  TABLE,
  anyOf,
  conditionFailed,
  conformance,
  expectItem,
  ok,
  pk,
  put,
  re,
  validation,
  type Case,
} from "./runner.js";

const n = (v: string) => ({ N: v });
const s = (v: string) => ({ S: v });
const DOC = {
  ...pk("a"),
  n: n("5"),
  n2: n("5"),
  s: s("hello"),
  s2: s("hello"),
  b: { B: "AQID" },
  bool: { BOOL: true },
  nul: { NULL: true },
  ss: { SS: ["x", "y"] },
  ns: { NS: ["1", "2"] },
  l: { L: [s("one"), n("2"), { M: { c: s("deep") } }] },
  m: { M: { a: { L: [n("0"), { M: { c: n("7") } }] }, "dotted.name": s("dn") } },
};
const setup = [HASH_TABLE, put(DOC)];
const V: Record<string, unknown> = {
  ":zero": n("0"),
  ":one": n("1"),
  ":two": n("2"),
  ":three": n("3"),
  ":five": n("5"),
  ":six": n("6"),
  ":seven": n("7"),
  ":ten": n("10"),
  ":fiveS": s("5"),
  ":hi": s("hi"),
  ":he": s("he"),
  ":ell": s("ell"),
  ":hello": s("hello"),
  ":Z": s("Z"),
  ":x": s("x"),
  ":oneS": s("1"),
  ":ff": { B: "/w==" },
  ":b1": { B: "AQ==" },
  ":N": s("N"),
  ":NULL": s("NULL"),
  ":L": s("L"),
  ":M": s("M"),
  ":t": { BOOL: true },
};

/** Only the placeholders expr uses (unused values are an error of their own). */
function valuesFor(expr: string): Record<string, unknown> | undefined {
  const used = Object.keys(V).filter((k) => new RegExp(`${k}(?![A-Za-z0-9_])`).test(expr));
  return used.length ? Object.fromEntries(used.map((k) => [k, V[k]])) : undefined;
}

const OPS = ["PutItem", "UpdateItem", "DeleteItem"] as const;
let rotate = 0;
/** The same condition checked through PutItem, UpdateItem or DeleteItem in turn. */
function conditional(op: (typeof OPS)[number], expr: string, names?: Record<string, string>) {
  const common: Record<string, unknown> = { TableName: TABLE, ConditionExpression: expr };
  const vals = valuesFor(expr);
  if (vals) common.ExpressionAttributeValues = vals;
  if (names) common.ExpressionAttributeNames = names;
  if (op === "PutItem") return { ...common, Item: { ...DOC, written: { BOOL: true } } };
  if (op === "DeleteItem") return { ...common, Key: pk("a") };
  return { ...common, Key: pk("a"), UpdateExpression: "REMOVE nothere" };
}
/** A condition that holds (the write goes through) or fails (ConditionalCheckFailedException). */
function cond(name: string, expr: string, holds: boolean, names?: Record<string, string>): Case {
  const op = OPS[rotate++ % OPS.length]!;
  return {
    name: `${name}: ${expr} ${holds ? "holds" : "fails"} (${op})`,
    setup,
    op,
    request: conditional(op, expr, names),
    expect: holds ? ok({}) : conditionFailed(),
    after: holds
      ? [expectItem(pk("a"), op === "PutItem" ? { ...DOC, written: { BOOL: true } } : op === "DeleteItem" ? undefined : DOC)]
      : [expectItem(pk("a"), DOC)],
  };
}
/** A condition rejected with `Invalid ConditionExpression: <message>`. */
function condError(name: string, expr: string, message: string, names?: Record<string, string>, todo?: "engine"): Case {
  const op = OPS[rotate++ % OPS.length]!;
  const c: Case = { name: `condition: ${name} (${op})`, setup, op, request: conditional(op, expr, names), expect: validation("Invalid ConditionExpression: " + message) };
  return todo ? { ...c, todo } : c;
}
const project = (name: string, expr: string, item: Record<string, unknown>, names?: Record<string, string>): Case => ({
  name: `projection: ${name}`,
  setup,
  op: "GetItem",
  request: { TableName: TABLE, Key: pk("a"), ProjectionExpression: expr, ...(names ? { ExpressionAttributeNames: names } : {}) },
  expect: ok({ Item: item }),
});
const projectError = (name: string, expr: string, message: string, names?: Record<string, string>): Case => ({
  name: `projection: ${name}`,
  setup,
  op: "GetItem",
  request: { TableName: TABLE, Key: pk("a"), ProjectionExpression: expr, ...(names ? { ExpressionAttributeNames: names } : {}) },
  expect: validation("Invalid ProjectionExpression: " + message),
});
const OVERLAP = "Two document paths overlap with each other; must remove or rewrite one of these paths; ";
const CONFLICT = "Two document paths conflict with each other; must remove or rewrite one of these paths; ";

const cases: Case[] = [
  // ---- comparators (notes §7)
  cond("=", "n = :five", true),
  cond("=", "n = :six", false),
  cond("<>", "n <> :six", true),
  cond("<>", "n <> :five", false),
  cond("<", "n < :six", true),
  cond("<", "n < :five", false),
  cond("<=", "n <= :five", true),
  cond("<=", "n <= :one", false),
  cond(">", "n > :one", true),
  cond(">", "n > :five", false),
  cond(">=", "n >= :five", true),
  cond(">=", "n >= :six", false),
  cond("numbers compare by value", "n = :five AND :ten > :two", true),
  cond("strings compare by bytes", "s < :hi AND :Z < s", true),
  cond("binary compares unsigned", "b < :ff AND b > :b1", true),
  cond("sets compare without order", "ss = :x", false),
  // ---- BETWEEN / IN
  cond("BETWEEN", "n BETWEEN :one AND :five", true),
  cond("BETWEEN", "n BETWEEN :six AND :ten", false),
  cond("BETWEEN strings", "s BETWEEN :he AND :hi", true),
  cond("IN", "n IN (:one, :five)", true),
  cond("IN", "s IN (:hi, :he)", false),
  cond("IN of one", "s IN (:hello)", true),
  // ---- AND/OR/NOT precedence (notes §1.1: OR < AND < NOT < comparison)
  cond("AND binds tighter than OR", "n = :five OR n = :six AND s = :hi", true),
  cond("parentheses override precedence", "(n = :five OR n = :six) AND s = :hi", false),
  cond("NOT binds tighter than AND", "NOT n = :six AND s = :hi", false),
  cond("NOT of a parenthesised condition", "NOT (n = :six OR s = :hi)", true),
  cond("keywords are case-insensitive", "n between :one and :five aNd not s in (:hi)", true),
  cond("parentheses around each operand of AND", "(n = :five) AND (s = :hello)", true), // NC conditions.test.ts:443-518
  // ---- functions (notes §1.3, §7)
  cond("attribute_exists of a nested path", "attribute_exists(m.a[1].c)", true),
  cond("attribute_exists of a NULL attribute", "attribute_exists(nul)", true),
  cond("attribute_exists of a missing index", "attribute_exists(m.a[5])", false),
  cond("attribute_not_exists", "attribute_not_exists(nothere)", true),
  cond("attribute_not_exists", "attribute_not_exists(l[2].c)", false),
  cond("attribute_type", "attribute_type(n, :N) AND attribute_type(nul, :NULL) AND attribute_type(l, :L)", true),
  cond("attribute_type", "attribute_type(m, :L)", false),
  cond("begins_with on S", "begins_with(s, :he)", true),
  cond("begins_with on B", "begins_with(b, :b1)", true),
  cond("begins_with on a number is false", "begins_with(n, :fiveS)", false),
  cond("contains a substring", "contains(s, :ell)", true),
  cond("contains a set member", "contains(ss, :x)", true),
  cond("contains a list element", "contains(l, :two)", true),
  cond("contains with the wrong member type", "contains(ns, :oneS)", false),
  cond("size of a string", "size(s) = :five", true),
  cond("size of a list and a map", "size(l) = :three AND size(m) = :two", true),
  cond("size of a binary", "size(b) = :three", true),
  cond("size of a stored number is false", "size(n) > :zero", false),
  cond("size of a missing attribute", "size(nothere) >= :zero", false),
  // ---- paths (notes §1.2)
  cond("nested path a.b[1].c", "m.a[1].c = :seven", true),
  cond("list element", "l[1] = :two AND l[2].c <> :x", true),
  cond("#name for a dotted key", "m.#d = :x", false, { "#d": "dotted.name" }),
  cond("#name substitutes one whole segment", "attribute_exists(m.#d)", true, { "#d": "dotted.name" }),
  cond("path compared to a path", "n = n2 AND s2 = s", true),
  cond("path compared to a path", "n < n2", false),
  // ---- type mismatches and missing attributes (notes §7)
  cond("S compared with N", "s < :five", false),
  cond("N equals S of the same text", "n = :fiveS", false),
  cond("<> with another type", "n <> :fiveS", true),
  cond("<> on a missing attribute", "nothere <> :five", true), // DX CHANGELOG
  cond("= on a missing attribute", "nothere = :five", false),
  cond("< on a missing attribute", "nothere < :five", false),
  cond("BETWEEN on a missing attribute", "nothere BETWEEN :one AND :five", false),

  // ---- condition errors (notes §2)
  condError("function requiring a path", "attribute_exists(:five)", "Operator or function requires a document path; operator or function: attribute_exists"),
  condError("too many operands", "begins_with(s, :he, :hi)", "Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 3"),
  condError("function names are case-sensitive", "attRIbute_exIsts(s)", "Invalid function name; function: attRIbute_exIsts"), // DL test/scan.js:671
  condError("size as a whole condition", "size(s)", "The function is not allowed to be used this way in an expression; function: size"),
  // DL test/scan.js:681-697 (real captures: 'attribute_not_exists(things) > b' and the like)
  condError("boolean function as an operand", "attribute_exists(s) = :t", "The function is not allowed to be used this way in an expression; function: attribute_exists"),
  // ---- tokens (issue #18.2). DynamoDB's own token rules (Tokens.g4 of its expression grammar, in the
  // DAX client): a name starts with a letter; "_", "$" and a digit start no name. Captures:
  // architect/dynalite#147 (DynamoDB: token "_", near "__" for "__typename <> :__typename"),
  // Dynamoid/dynamoid#808 (near "AND _sortKey"); moto test_dynamodb_expression_tokenizer.py:111.
  condError("a name starting with _", "_s = :hi", 'Syntax error; token: "_", near: "_s"'),
  condError("a name starting with _ after AND", "n = :five AND _s = :hi", 'Syntax error; token: "_", near: "AND _s"'),
  condError("a name starting with a digit", "1s = :hi", 'Syntax error; token: "1", near: "1s"'),
  condError("- inside a name", "s-2 = :hi", 'Syntax error; token: "-", near: "s-2"'),
  condError("$ inside a name", "s$2 = :hi", 'Syntax error; token: "$", near: "s$2"'),
  cond("_ inside a name, and in a placeholder", "s_2 = :hi OR #_a = :hi", false, { "#_a": "s_2" }),
  // ---- functions outside their expression kind (issue #18.2): an update function in a condition
  // is "not allowed in a condition expression" (no AWS page states it: public application code
  // quotes it as DynamoDB's answer to if_not_exists in a ConditionExpression, and two emulators'
  // tests written against DynamoDB use the same text); a condition function inside another is
  // "not allowed to be used this way" (DL test/scan.js:681-697, 'size(contains(a, b)) > a').
  condError("if_not_exists in a condition", "n < if_not_exists(n2, :one)", "The function is not allowed in a condition expression; function: if_not_exists"),
  condError("list_append as a condition", "list_append(l, :one)", "The function is not allowed in a condition expression; function: list_append"),
  condError("a condition function inside size", "size(contains(s, :he)) > :one", "The function is not allowed to be used this way in an expression; function: contains"),
  // attribute_type's type is a :value; a path there is refused (DL test/query.js:809-818 pins the
  // text up to "operand type:"; the type set after it is dynalite's).
  condError("attribute_type with a path as the type", "attribute_type(n, s)", "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"),
  condError("attribute_type with size as the type", "attribute_type(n, size(s))", "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"),
  condError("attribute_type with a value first", "attribute_type(:N, :N)", "Operator or function requires a document path; operator or function: attribute_type"),
  // ---- comparisons across types (issue #18.4): values of different types are never equal and never
  // ordered, so = and the ordering comparators are false and <> is true, for scalars and for
  // documents alike (API reference, Condition: "If an item contains an AttributeValue element of a
  // different type than the one provided in the request, the value does not match").
  cond("= across types", "n = :fiveS", false),
  cond("<> across types", "n <> :fiveS", true),
  cond("< across types", "s < :five", false),
  cond(">= across types", "n >= :fiveS", false),
  cond("< on a boolean", "bool < :t", false),
  cond("= on a boolean", "bool = :t", true),
  cond("= on a list attribute and a number", "l = :one", false),
  cond("<> on a map attribute and a string", "m <> :hi", true),
  condError("same path on both sides", "n = n", "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [n]"),
  condError("same path via a name", "#a <> n", "The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [n]", { "#a": "n" }),
  condError("BETWEEN with bounds reversed", "n BETWEEN :ten AND :one", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}"),
  // DL test/deleteItem.js:405-413 (real capture); DX condition.rs:856-861 (2026)
  condError("BETWEEN with bounds of two types", "n BETWEEN :hi AND :one", "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:hi}, upper bound operand: AttributeValue: {N:1}"),
  condError("size of a boolean value", "size(:t) > :one", "Incorrect operand type for operator or function; operator or function: size, operand type: BOOL"),
  condError("begins_with a number value", "begins_with(s, :one)", "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
  condError("redundant parentheses", "((n = :five))", "The expression has redundant parentheses;"),
  condError("literal operand", "n > 4", 'Syntax error; token: "4", near: "> 4"'),
  condError("reserved word", "name = :five", "Attribute name is a reserved keyword; reserved keyword: name"),
  condError("reserved word keeps its case, anywhere in a path", "m.abOrt = :five", "Attribute name is a reserved keyword; reserved keyword: abOrt"), // DL test/updateItem.js:509
  condError("undefined name", "#x = :five", "An expression attribute name used in the document path is not defined; attribute name: #x"),
  condError("undefined value", "n = :nope", "An expression attribute value used in expression is not defined; attribute value: :nope"),
  condError("empty expression", "", "The expression can not be empty;"),
  {
    name: "attribute_type with an unknown type name", // order of the 10 types is not fixed (DL test/scan.js:817)
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: DOC, ConditionExpression: "attribute_type(n, :x)", ExpressionAttributeValues: { ":x": s("X") } },
    expect: validation(re(/^Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: \{(?=[^}]*\bNULL\b)(?=[^}]*\bBOOL\b)[A-Z,]+\}$/)),
  },

  // ---- ReturnValuesOnConditionCheckFailure on PutItem (notes §3.5)
  {
    name: "PutItem ReturnValuesOnConditionCheckFailure ALL_OLD",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" },
    expect: conditionFailed(DOC),
  },
  {
    name: "PutItem ReturnValuesOnConditionCheckFailure NONE",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "NONE" },
    expect: conditionFailed(),
  },
  {
    name: "attribute_not_exists(pk) inserts a new item", // NC conditions.test.ts:306-331
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("b"), ConditionExpression: "attribute_not_exists(pk)" },
    expect: ok({}),
    after: [expectItem(pk("b"), pk("b"))],
  },
  {
    name: "UpdateItem condition and update together",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET n = n + :one", ConditionExpression: "n = :five", ExpressionAttributeValues: { ":one": n("1"), ":five": n("5") }, ReturnValues: "UPDATED_NEW" },
    expect: ok({ Attributes: { n: n("6") } }),
  },

  // ---- ProjectionExpression (notes §4)
  project("top-level attributes", "s, n, nothere", { s: s("hello"), n: n("5") }),
  project("nested path keeps its containers", "m.a[1].c", { m: { M: { a: { L: [{ M: { c: n("7") } }] } } } }), // NC projection.test.ts:47-63
  project("list indexes come back compacted in index order", "l[2], l[0]", { l: { L: [s("one"), { M: { c: s("deep") } }] } }), // NC projection.test.ts:65-105
  project("sub-paths of one element merge", "m.a[1].c, m.a[0]", { m: { M: { a: { L: [n("0"), { M: { c: n("7") } }] } } } }), // DX CHANGELOG #126
  project("names in a projection", "#n, m.#d", { n: n("5"), m: { M: { "dotted.name": s("dn") } } }, { "#n": "n", "#d": "dotted.name" }),
  projectError("overlapping paths", "m, m.a", OVERLAP + "path one: [m], path two: [m, a]"), // DL test/getItem.js:263-278
  projectError("the same path twice", "s, s", OVERLAP + "path one: [s], path two: [s]"), // DX CHANGELOG
  projectError("conflicting paths", "m.a, m[1]", CONFLICT + "path one: [m, a], path two: [m, [1]]"), // DL test/getItem.js:281-297
  projectError("reserved word", "s, data", "Attribute name is a reserved keyword; reserved keyword: data"),
  projectError("undefined name", "#nope", "An expression attribute name used in the document path is not defined; attribute name: #nope"),
  projectError("punctuation", "!!! INVALID !!!", 'Syntax error; token: "!", near: "!!"'), // NC tier3/error-messages/getItem.test.ts:65
  projectError("trailing comma", "s,", 'Syntax error; token: "<EOF>", near: ","'),
  projectError("two names without a comma", "s n", 'Syntax error; token: "n", near: "s n"'),
  projectError("empty projection", "", "The expression can not be empty;"),

  // ---- syntax errors elsewhere (notes §2.3)
  {
    name: "UpdateExpression syntax error", // NC tier3/error-messages/updateItem.test.ts:62
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "INVALID SYNTAX HERE" },
    expect: validation('Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"'),
  },
  {
    name: "a lone colon in ADD", // aws/aws-cdk#7591 (real)
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "ADD hits : incr", ExpressionAttributeValues: { ":incr": n("1") } },
    expect: validation('Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"'),
  },
  {
    name: "SET ending after +",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET a = b +" },
    expect: validation('Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "+"'),
  },
  {
    name: "reserved word in an UpdateExpression",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET Absolute = :v", ExpressionAttributeValues: { ":v": n("1") } },
    expect: validation("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute"),
  },
  {
    name: "reserved word through a #name is fine",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET #s = :v", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":v": s("on") }, ReturnValues: "UPDATED_NEW" },
    expect: ok({ Attributes: { status: s("on") } }),
  },

  // ---- ExpressionAttributeNames / Values (notes §2.5-2.7)
  {
    name: "unused name", // NC tier3/error-messages/updateItem.test.ts:83
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: DOC, ConditionExpression: "#a = :five", ExpressionAttributeNames: { "#a": "n", "#unused": "x" }, ExpressionAttributeValues: { ":five": n("5") } },
    expect: validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"),
  },
  {
    name: "two unused values, either order", // DL test/updateItem.js:739
    setup,
    op: "DeleteItem",
    request: { TableName: TABLE, Key: pk("a"), ConditionExpression: "n = :five", ExpressionAttributeValues: { ":five": n("5"), ":c": n("1"), ":a": n("2") } },
    expect: validation(anyOf("Value provided in ExpressionAttributeValues unused in expressions: keys: {:c, :a}", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :c}")),
  },
  {
    name: "names are checked before values",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET x = :v", ExpressionAttributeNames: { "#u": "u" }, ExpressionAttributeValues: { ":v": n("1"), ":u": n("1") } },
    expect: validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}"),
  },
  {
    name: "usage counts across all expressions of a request",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET #x = :v", ConditionExpression: "#x <> :w", ExpressionAttributeNames: { "#x": "x" }, ExpressionAttributeValues: { ":v": n("1"), ":w": n("2") } },
    expect: ok({}),
  },
  {
    name: "empty ExpressionAttributeNames", // DL test/updateItem.js:326-356
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: DOC, ConditionExpression: "attribute_exists(n)", ExpressionAttributeNames: {} },
    expect: validation("ExpressionAttributeNames must not be empty"),
  },
  {
    name: "empty ExpressionAttributeValues",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: DOC, ConditionExpression: "attribute_exists(n)", ExpressionAttributeValues: {} },
    expect: validation("ExpressionAttributeValues must not be empty"),
  },
  {
    name: "name key without #", // DL test/updateItem.js:345
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET x = :v", ExpressionAttributeNames: { a: "x" }, ExpressionAttributeValues: { ":v": n("1") } },
    expect: validation('ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'),
  },
  {
    // real AWS output quoted in 4ossiblellc#13; keys are checked before the expressions are parsed
    // (notes §2.7, DL validations/index.js:633-660), so this comes before the unused-name check
    name: "name key with a dash",
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET x = :v", ExpressionAttributeNames: { "#sryLiyD8D-": "x" }, ExpressionAttributeValues: { ":v": n("1") } },
    expect: validation('ExpressionAttributeNames contains invalid key: Syntax error; key: "#sryLiyD8D-"'),
  },
  {
    name: "value key without :", // DL test/updateItem.js:365
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET x = :v", ExpressionAttributeValues: { ":v": n("1"), b: n("1") } },
    expect: validation('ExpressionAttributeValues contains invalid key: Syntax error; key: "b"'),
  },
  {
    name: "invalid value", // DL validations/index.js:656
    setup,
    op: "UpdateItem",
    request: { TableName: TABLE, Key: pk("a"), UpdateExpression: "SET x = :v", ExpressionAttributeValues: { ":v": {} } },
    expect: validation("ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v"),
  },
  {
    name: "names without any expression",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: DOC, ExpressionAttributeNames: { "#a": "a" } },
    expect: validation("ExpressionAttributeNames can only be specified when using expressions"),
  },
  {
    name: "values without a value-taking expression", // DL validations/index.js:617-621
    setup,
    op: "GetItem",
    request: { TableName: TABLE, Key: pk("a"), ProjectionExpression: "s", ExpressionAttributeValues: { ":v": n("1") } },
    expect: validation(re(/^ExpressionAttributeValues can only be specified when using expressions/)),
  },

  // ---- legacy Expected (notes §5.1)
  {
    name: "Expected Exists false on a missing attribute",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { nothere: { Exists: false } } },
    expect: ok({}),
    after: [expectItem(pk("a"), pk("a"))],
  },
  {
    name: "Expected Value mismatch",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { n: { Value: n("6") } } },
    expect: conditionFailed(),
  },
  {
    name: "Expected operators combined with AND",
    setup,
    op: "UpdateItem",
    request: {
      TableName: TABLE,
      Key: pk("a"),
      AttributeUpdates: { x: { Value: n("1") } },
      Expected: {
        s: { ComparisonOperator: "BEGINS_WITH", AttributeValueList: [s("he")] },
        n: { ComparisonOperator: "BETWEEN", AttributeValueList: [n("1"), n("5")] },
        ss: { ComparisonOperator: "CONTAINS", AttributeValueList: [s("x")] },
        nothere: { ComparisonOperator: "NULL" },
        l: { ComparisonOperator: "NOT_NULL" },
        s2: { ComparisonOperator: "IN", AttributeValueList: [s("a"), s("hello")] },
      },
      ReturnValues: "UPDATED_NEW",
    },
    expect: ok({ Attributes: { x: n("1") } }),
  },
  {
    name: "Expected Value with Exists false", // DL test/putItem.js:320-424
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { n: { Exists: false, Value: n("5") } } },
    expect: validation(INVALID + "Value cannot be used when Exists is false for Attribute: n"),
  },
  {
    name: "Expected Exists true without Value",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { n: { Exists: true } } },
    expect: validation(INVALID + "Value must be provided when Exists is true for Attribute: n"),
  },
  {
    name: "Expected with the wrong number of arguments",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { n: { ComparisonOperator: "EQ", AttributeValueList: [n("1"), n("2")] } } },
    expect: validation(INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator"),
  },
  {
    name: "Expected operator without a value",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { n: { ComparisonOperator: "LT" } } },
    expect: validation(INVALID + "Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: n"),
  },
  {
    name: "Expected BETWEEN with the bounds reversed",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { n: { ComparisonOperator: "BETWEEN", AttributeValueList: [n("5"), n("1")] } } },
    expect: validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"),
  },
  {
    name: "Expected values of two types",
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { n: { ComparisonOperator: "BETWEEN", AttributeValueList: [n("1"), s("5")] } } },
    expect: validation(INVALID + "AttributeValues inside AttributeValueList must be of same type"),
  },
  {
    name: "Expected with ConditionExpression", // NC tier3/error-messages/putItem.test.ts:179
    setup,
    op: "PutItem",
    request: { TableName: TABLE, Item: pk("a"), Expected: { n: { Exists: false } }, ConditionExpression: "attribute_exists(n)" },
    expect: validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"),
  },
];

conformance("Expressions", cases);
