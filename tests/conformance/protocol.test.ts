/**
 * Protocol-level conformance: malformed JSON, unknown operations, wrong JSON types. Sources:
 * /work/notes/dynamodb-messages.md §7.1, §8 ("notes"), dynalite test/connection.js and
 * test/helpers.js ("DL").
 */
import { HASH_TABLE, TABLE, conformance, errorType, expectItem, ok, pk, raw, serialization, type Case } from "./runner.js";

// no message at all (DL test/connection.js:194-257)
const SERIALIZATION = { status: 400, body: { __type: errorType("SerializationException") } };
const UNKNOWN = { status: 400, body: { __type: errorType("UnknownOperationException") } };

const cases: Case[] = [
  { name: "unparsable JSON", op: "ListTables", request: raw("{"), expect: SERIALIZATION },
  { name: "unparsable JSON on a write", setup: [HASH_TABLE], op: "PutItem", request: raw('{"TableName":"items","Item":'), expect: SERIALIZATION },
  { name: "trailing garbage after JSON", op: "ListTables", request: raw("{} x"), expect: SERIALIZATION },
  { name: "not JSON at all", op: "DescribeTable", request: raw("hello"), expect: SERIALIZATION },
  // malformed JSON is checked before the operation name (notes §8 item 7; DL test/connection.js:194-197:
  // body "hi" without any X-Amz-Target is a SerializationException)
  { name: "unparsable JSON to an unknown operation", op: "FlyToTheMoon", request: raw("{"), expect: SERIALIZATION },
  { name: "unknown operation", op: "FlyToTheMoon", request: {}, expect: UNKNOWN },
  { name: "operation name is case-sensitive", op: "listTables", request: {}, expect: UNKNOWN },
  { name: "misspelt operation", op: "ListTable", request: {}, expect: UNKNOWN },
  { name: "known operation", op: "ListTables", request: {}, expect: ok({ TableNames: [] }) },
  // wrong JSON types: capital Message (DL test/helpers.js:360-538)
  { name: "String field given true", op: "DescribeTable", request: { TableName: true }, expect: serialization("TRUE_VALUE cannot be converted to String") },
  { name: "String field given false", op: "DescribeTable", request: { TableName: false }, expect: serialization("FALSE_VALUE cannot be converted to String") },
  { name: "String field given a number", op: "DeleteTable", request: { TableName: 12 }, expect: serialization("NUMBER_VALUE cannot be converted to String") },
  { name: "String field given a map", op: "DeleteTable", request: { TableName: {} }, expect: serialization("Start of structure or map found where not expected") },
  { name: "Integer field given false", op: "ListTables", request: { Limit: false }, expect: serialization("FALSE_VALUE cannot be converted to Integer") },
  { name: "Integer field given a list", op: "ListTables", request: { Limit: [] }, expect: serialization("Unrecognized collection type class java.lang.Integer") },
  { name: "Integer field given a map", op: "ListTables", request: { Limit: {} }, expect: serialization("Start of structure or map found where not expected") },
  { name: "Boolean field given a decimal", setup: [HASH_TABLE], op: "GetItem", request: { TableName: TABLE, Key: pk("a"), ConsistentRead: 34.56 }, expect: serialization("DECIMAL_VALUE cannot be converted to Boolean") },
  { name: "Boolean field given a map", setup: [HASH_TABLE], op: "GetItem", request: { TableName: TABLE, Key: pk("a"), ConsistentRead: {} }, expect: serialization("Start of structure or map found where not expected") },
  { name: "list field given a string", setup: [HASH_TABLE], op: "GetItem", request: { TableName: TABLE, Key: pk("a"), AttributesToGet: "a" }, expect: serialization("Unexpected field type") },
  { name: "AttributeValue given a list", setup: [HASH_TABLE], op: "PutItem", request: { TableName: TABLE, Item: { pk: [] } }, expect: serialization("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue") },
  { name: "binary given a number", setup: [HASH_TABLE], op: "PutItem", request: { TableName: TABLE, Item: { ...pk("a"), b: { B: 5 } } }, expect: serialization("only base-64-encoded strings are convertible to bytes") },
  { name: "binary with a bad last character", setup: [HASH_TABLE], op: "PutItem", request: { TableName: TABLE, Item: { ...pk("a"), b: { B: "=+/=" } } }, expect: serialization("Invalid last non-pad Base64 character dectected") },
  { name: "ExpressionAttributeNames given a list", setup: [HASH_TABLE], op: "GetItem", request: { TableName: TABLE, Key: pk("a"), ProjectionExpression: "#a", ExpressionAttributeNames: [] }, expect: serialization("Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>") },
  // nulls are absent and unknown members are ignored (notes §7.1)
  {
    name: "null members are treated as absent",
    setup: [HASH_TABLE],
    op: "PutItem",
    request: { TableName: TABLE, Item: { ...pk("a"), x: { S: "v", N: null } }, ReturnValues: null, Whatever: [1] },
    expect: ok({}),
    after: [expectItem(pk("a"), { ...pk("a"), x: { S: "v" } })],
  },
];

conformance("Protocol", cases);
