/**
 * DeleteItem conformance: key rules, ReturnValues, capacity, conditions (expression and legacy
 * Expected), ReturnValuesOnConditionCheckFailure. Sources: /work/notes/dynamodb-messages.md §6
 * ("notes"), /work/notes/dynamodb-expressions.md ("expr notes"), dynalite test/deleteItem.js ("DL"),
 * NC (real AWS 2026).
 */
import {
  HASH_TABLE,
  INVALID,
  NOT_NULL,
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
  validation,
  violation,
  violations,
  type Case,
} from "./runner.js";

const ITEM = { ...pk("a"), x: { S: "1" }, n: { N: "5" } };
const del = (key: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ TableName: TABLE, Key: key, ...extra });
const SCHEMA = "The provided key element does not match the schema";
const withItem = [HASH_TABLE, put(ITEM)];

const cases: Case[] = [
  {
    name: "existing item",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a")),
    expect: ok({}),
    after: [expectItem(pk("a"))],
  },
  {
    name: "missing item is fine", // DL test/deleteItem.js:454-496
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("b")),
    expect: ok({}),
    after: [expectItem(pk("a"), ITEM)],
  },
  {
    name: "composite key deletes only that item",
    setup: [PAIRS_TABLE, put({ ...pk("a"), sk: { N: "1" } }, PAIRS), put({ ...pk("a"), sk: { N: "2" } }, PAIRS)],
    op: "DeleteItem",
    request: { TableName: PAIRS, Key: { ...pk("a"), sk: { N: "1" } } },
    expect: ok({}),
    after: [
      expectItem({ ...pk("a"), sk: { N: "1" } }, undefined, PAIRS),
      expectItem({ ...pk("a"), sk: { N: "2" } }, { ...pk("a"), sk: { N: "2" } }, PAIRS),
    ],
  },
  {
    name: "ALL_OLD returns the deleted item",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { ReturnValues: "ALL_OLD" }),
    expect: ok({ Attributes: ITEM }),
  },
  {
    name: "ALL_OLD on a missing item",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("b"), { ReturnValues: "ALL_OLD" }),
    expect: ok({}),
  },
  {
    name: "ReturnValues outside the enum",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { ReturnValues: "OLD" }),
    expect: validation(
      `1 validation error detected: ${violation("OLD", "returnValues", "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]")}`,
    ),
  },
  {
    name: "capacity of deleting a missing item is 1", // DL test/deleteItem.js:463-477
    setup: [HASH_TABLE],
    op: "DeleteItem",
    request: del(pk("a"), { ReturnConsumedCapacity: "TOTAL" }),
    expect: ok({ ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE } }),
  },
  {
    name: "capacity INDEXES",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { ReturnConsumedCapacity: "INDEXES" }),
    expect: ok({ ConsumedCapacity: { CapacityUnits: 1, TableName: TABLE, Table: { CapacityUnits: 1 } } }),
  },

  // ---- keys (notes §6.2)
  { name: "missing table", op: "DeleteItem", request: del(pk("a")), expect: notFound() },
  { name: "empty Key", setup: withItem, op: "DeleteItem", request: del({}), expect: validation(SCHEMA) }, // DL test/deleteItem.js:425-448
  { name: "key of the wrong type", setup: withItem, op: "DeleteItem", request: del({ pk: { B: "YQ==" } }), expect: validation(SCHEMA) },
  { name: "extra key attribute", setup: withItem, op: "DeleteItem", request: del({ ...pk("a"), x: { S: "1" } }), expect: validation(SCHEMA) },
  {
    name: "missing range key",
    setup: [PAIRS_TABLE],
    op: "DeleteItem",
    request: { TableName: PAIRS, Key: pk("a") },
    expect: validation(SCHEMA),
  },
  {
    name: "empty string key",
    setup: withItem,
    op: "DeleteItem",
    request: del({ pk: { S: "" } }),
    expect: validation(INVALID + "The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"),
  },
  {
    name: "hash key of 2049 bytes",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("x".repeat(2049))),
    expect: validation(INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
  },
  {
    name: "invalid number in Key", // DL test/deleteItem.js:322-339
    setup: withItem,
    op: "DeleteItem",
    request: del({ pk: { N: "123456789012345678901234567890123456789" } }),
    expect: validation("Attempting to store more than 38 significant digits in a Number"),
  },
  {
    name: "empty request", // DL test/deleteItem.js:82-89
    op: "DeleteItem",
    request: {},
    expect: validation(violations(violation(null, "key", NOT_NULL), violation(null, "tableName", NOT_NULL))),
  },

  // ---- conditions
  {
    name: "ConditionExpression that holds",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { ConditionExpression: "x = :v", ExpressionAttributeValues: { ":v": { S: "1" } } }),
    expect: ok({}),
    after: [expectItem(pk("a"))],
  },
  {
    name: "ConditionExpression that fails",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { ConditionExpression: "x = :v", ExpressionAttributeValues: { ":v": { S: "2" } } }),
    expect: conditionFailed(),
    after: [expectItem(pk("a"), ITEM)],
  },
  {
    name: "condition on a missing item fails (attribute_exists)",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("zz"), { ConditionExpression: "attribute_exists(pk)" }),
    expect: conditionFailed(),
  },
  {
    // the existing item comes back as Item (expr notes §3.5; NC conditionalCheck.test.ts:171-202)
    name: "ReturnValuesOnConditionCheckFailure ALL_OLD",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { ConditionExpression: "n > :v", ExpressionAttributeValues: { ":v": { N: "10" } }, ReturnValuesOnConditionCheckFailure: "ALL_OLD" }),
    expect: conditionFailed(ITEM),
  },
  {
    name: "ReturnValuesOnConditionCheckFailure ALL_OLD, item missing: no Item", // DX update_item.rs:506-517
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("b"), { ConditionExpression: "attribute_exists(x)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" }),
    expect: conditionFailed(),
  },
  {
    name: "ReturnValuesOnConditionCheckFailure outside the enum",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { ConditionExpression: "attribute_exists(x)", ReturnValuesOnConditionCheckFailure: "ALL_NEW" }),
    expect: validation(
      `1 validation error detected: ${violation("ALL_NEW", "returnValuesOnConditionCheckFailure", "Member must satisfy enum value set: [ALL_OLD, NONE]")}`,
    ),
  },
  {
    name: "legacy Expected that holds",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { Expected: { x: { Value: { S: "1" } } } }),
    expect: ok({}),
    after: [expectItem(pk("a"))],
  },
  {
    name: "legacy Expected Exists false on an existing attribute",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { Expected: { x: { Exists: false } } }),
    expect: conditionFailed(),
  },
  {
    name: "legacy Expected with ConditionalOperator OR",
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), {
      Expected: { x: { Value: { S: "nope" } }, n: { ComparisonOperator: "GT", AttributeValueList: [{ N: "4" }] } },
      ConditionalOperator: "OR",
    }),
    expect: ok({}),
  },
  {
    name: "legacy Expected without Value", // DL test/deleteItem.js:346-403
    setup: withItem,
    op: "DeleteItem",
    request: del(pk("a"), { Expected: { x: {} } }),
    expect: validation(INVALID + "Value must be provided when Exists is null for Attribute: x"),
  },
];

conformance("DeleteItem", cases);
