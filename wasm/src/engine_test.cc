// End-to-end engine tests over the in-memory store: the wire JSON in, the wire JSON out.
#include "engine.h"

#include <gtest/gtest.h>

#include "storage/memory_store.h"

namespace dodb {
namespace {

class EngineTest : public ::testing::Test {
 protected:
  Response Call(std::string_view op, std::string_view body) { return engine_.Handle(op, body); }
  void ExpectOk(std::string_view op, std::string_view body, std::string_view expected) {
    Response r = Call(op, body);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body, expected);
  }
  void ExpectError(std::string_view op, std::string_view body, std::string_view type, std::string_view message) {
    Response r = Call(op, body);
    EXPECT_EQ(r.status, 400);
    std::string expected = "{\"__type\":\"" + std::string(type) + "\",\"message\":\"" + std::string(message) + "\"}";
    EXPECT_EQ(r.body, expected);
  }
  void CreateHashRange() {
    Response r = Call("CreateTable",
                      R"({"TableName":"things","BillingMode":"PAY_PER_REQUEST",
                          "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
                          "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  MemoryStore store_;
  Engine engine_{store_};
};

constexpr const char* kValidation = "com.amazon.coral.validate#ValidationException";
constexpr const char* kNotFound = "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException";

TEST_F(EngineTest, UnknownOperation) {
  Response r = Call("Frobnicate", "{}");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"__type":"com.amazon.coral.service#UnknownOperationException"})");
}

TEST_F(EngineTest, MalformedJsonIsSerializationException) {
  Response r = Call("ListTables", "{\"Limit\":");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"__type":"com.amazon.coral.service#SerializationException"})");
}

TEST_F(EngineTest, WrongJsonTypeIsSerializationExceptionWithCapitalMessage) {
  Response r = Call("ListTables", R"({"Limit":"5"})");
  EXPECT_EQ(r.body,
            R"({"__type":"com.amazon.coral.service#SerializationException","Message":"STRING_VALUE cannot be converted to Integer"})");
}

TEST_F(EngineTest, CreateDescribeListDelete) {
  CreateHashRange();
  Response d = Call("DescribeTable", R"({"TableName":"things"})");
  EXPECT_EQ(d.status, 200);
  EXPECT_NE(d.body.find(R"("TableStatus":"ACTIVE")"), std::string::npos) << d.body;
  EXPECT_NE(d.body.find(R"("TableArn":"arn:aws:dynamodb:ddblocal:000000000000:table/things")"), std::string::npos);
  EXPECT_NE(d.body.find(R"("BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST")"), std::string::npos);
  ExpectOk("ListTables", "{}", R"({"TableNames":["things"]})");
  Response del = Call("DeleteTable", R"({"TableName":"things"})");
  EXPECT_NE(del.body.find(R"("TableStatus":"DELETING")"), std::string::npos);
  ExpectOk("ListTables", "{}", R"({"TableNames":[]})");
  ExpectError("DescribeTable", R"({"TableName":"things"})", kNotFound,
              "Requested resource not found: Table: things not found");
  EXPECT_EQ(store_.entries().size(), 1u);  // only the table-id counter remains
}

TEST_F(EngineTest, DuplicateTable) {
  CreateHashRange();
  Response r = Call("CreateTable",
                    R"({"TableName":"things","BillingMode":"PAY_PER_REQUEST",
                        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})");
  EXPECT_EQ(r.body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceInUseException","message":"Table already exists: things"})");
}

TEST_F(EngineTest, CreateTableValidation) {
  ExpectError("CreateTable", "{}", kValidation,
              "The parameter 'TableName' is required but was not present in the request");
  ExpectError("CreateTable", R"({"TableName":"abc;"})", kValidation,
              "3 validation errors detected: Value null at 'attributeDefinitions' failed to satisfy constraint: "
              "Member must not be null; Value 'abc;' at 'tableName' failed to satisfy constraint: Member must "
              "satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value null at 'keySchema' failed to satisfy "
              "constraint: Member must not be null");
  ExpectError("CreateTable",
              R"({"TableName":"abc","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],
                  "KeySchema":[{"AttributeName":"a","KeyType":"HASH"}]})",
              kValidation,
              "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
              "specified when BillingMode is PROVISIONED");
  ExpectError("CreateTable",
              R"({"TableName":"abc","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"b","AttributeType":"S"}],
                  "KeySchema":[{"AttributeName":"a","KeyType":"HASH"}]})",
              kValidation,
              "One or more parameter values were invalid: Some index key attributes are not defined in "
              "AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]");
  ExpectError("CreateTable",
              R"({"TableName":"abc","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"SS"}],
                  "KeySchema":[{"AttributeName":"a","KeyType":"HASH"}]})",
              kValidation,
              "1 validation error detected: Value 'SS' at 'attributeDefinitions.1.member.attributeType' failed to "
              "satisfy constraint: Member must satisfy enum value set: [B, N, S]");
  EXPECT_TRUE(store_.entries().empty());
}

TEST_F(EngineTest, PutGetDeleteAllTypes) {
  CreateHashRange();
  const char* item =
      R"({"pk":{"S":"p"},"sk":{"N":"1.50"},"s":{"S":""},"n":{"N":"-0.0010"},"b":{"B":"AAEC"},"t":{"BOOL":true},)"
      R"("z":{"NULL":true},"m":{"M":{"x":{"L":[{"S":"y"},{"N":"2"}]}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2.5"]},)"
      R"("bs":{"BS":["AA==","AQ=="]}})";
  ExpectOk("PutItem", std::string(R"({"TableName":"things","Item":)") + item + "}", "{}");
  ExpectOk("GetItem", R"({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1.5"}}})",
           R"({"Item":{"b":{"B":"AAEC"},"bs":{"BS":["AA==","AQ=="]},"m":{"M":{"x":{"L":[{"S":"y"},{"N":"2"}]}}},)"
           R"("n":{"N":"-0.001"},"ns":{"NS":["1","2.5"]},"pk":{"S":"p"},"s":{"S":""},"sk":{"N":"1.5"},)"
           R"("ss":{"SS":["a","b"]},"t":{"BOOL":true},"z":{"NULL":true}}})");
  ExpectOk("GetItem",
           R"({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1.5"}},"AttributesToGet":["t","nope"]})",
           R"({"Item":{"t":{"BOOL":true}}})");
  ExpectOk("DeleteItem", R"({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"15e-1"}},"ReturnValues":"ALL_OLD"})",
           R"({"Attributes":{"b":{"B":"AAEC"},"bs":{"BS":["AA==","AQ=="]},"m":{"M":{"x":{"L":[{"S":"y"},{"N":"2"}]}}},)"
           R"("n":{"N":"-0.001"},"ns":{"NS":["1","2.5"]},"pk":{"S":"p"},"s":{"S":""},"sk":{"N":"1.5"},)"
           R"("ss":{"SS":["a","b"]},"t":{"BOOL":true},"z":{"NULL":true}}})");
  ExpectOk("GetItem", R"({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1.5"}}})", "{}");
}

TEST_F(EngineTest, ItemKeyErrors) {
  CreateHashRange();
  ExpectError("PutItem", R"({"TableName":"things","Item":{"pk":{"S":"p"}}})", kValidation,
              "One or more parameter values were invalid: Missing the key sk in the item");
  ExpectError("PutItem", R"({"TableName":"things","Item":{"pk":{"N":"1"},"sk":{"N":"1"}}})", kValidation,
              "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
  ExpectError("PutItem", R"({"TableName":"things","Item":{"pk":{"S":""},"sk":{"N":"1"}}})", kValidation,
              "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
              "an empty string value. Key: pk");
  ExpectError("GetItem", R"({"TableName":"things","Key":{"pk":{"S":"p"}}})", kValidation,
              "The provided key element does not match the schema");
  ExpectError("PutItem", R"({"TableName":"nothere","Item":{"pk":{"S":"p"}}})", kNotFound,
              "Requested resource not found");
  ExpectError("PutItem", R"({"TableName":"things","Item":{"pk":{"S":"p"},"sk":{"N":"1"},"x":{"SS":[]}}})",
              kValidation, "One or more parameter values were invalid: An string set  may not be empty");
  ExpectError("PutItem", R"({"TableName":"things","Item":{"pk":{"S":"p"},"sk":{"N":"1"},"x":{}}})", kValidation,
              "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  ExpectError("PutItem", R"({"TableName":"things","Item":{"pk":{"S":"p"},"sk":{"N":"1"},"x":{"S":"a","N":"b"}}})",
              kValidation, "The parameter cannot be converted to a numeric value: b");
  ExpectError("PutItem", "{}", kValidation,
              "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member must "
              "not be null; Value null at 'item' failed to satisfy constraint: Member must not be null");
}

TEST_F(EngineTest, ItemSizeLimit) {
  CreateHashRange();
  std::string big(400 * 1024 - 10, 'x');  // + "pk" "p" "sk" "1"(2 bytes) + "a" = over by a little
  Response r = Call("PutItem", R"({"TableName":"things","Item":{"pk":{"S":"p"},"sk":{"N":"1"},"a":{"S":")" + big + "\"}}}");
  EXPECT_EQ(r.status, 200) << r.body;
  big += "xxxxxxxxxx";
  ExpectError("PutItem", R"({"TableName":"things","Item":{"pk":{"S":"p"},"sk":{"N":"1"},"a":{"S":")" + big + "\"}}}",
              kValidation, "Item size has exceeded the maximum allowed size");
}

TEST_F(EngineTest, ListTablesPaging) {
  for (const char* name : {"ccc", "aaa", "bbb"}) {
    Response r = Call("CreateTable", std::string(R"({"TableName":")") + name +
                                         R"(","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}]})");
    ASSERT_EQ(r.status, 200);
  }
  ExpectOk("ListTables", R"({"Limit":2})", R"({"TableNames":["aaa","bbb"],"LastEvaluatedTableName":"bbb"})");
  ExpectOk("ListTables", R"({"Limit":2,"ExclusiveStartTableName":"bbb"})", R"({"TableNames":["ccc"]})");
  ExpectOk("ListTables", R"({"Limit":3})", R"({"TableNames":["aaa","bbb","ccc"]})");
  ExpectError("ListTables", R"({"Limit":0})", kValidation,
              "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have "
              "value greater than or equal to 1");
}

TEST_F(EngineTest, ConditionalWrites) {
  CreateHashRange();
  ExpectOk("PutItem", R"J({"TableName":"things","Item":{"pk":{"S":"p"},"sk":{"N":"1"},"n":{"N":"5"}},
                          "ConditionExpression":"attribute_not_exists(pk)"})J", "{}");
  Response r = Call("PutItem", R"J({"TableName":"things","Item":{"pk":{"S":"p"},"sk":{"N":"1"}},
                                   "ConditionExpression":"attribute_not_exists(pk)",
                                   "ReturnValuesOnConditionCheckFailure":"ALL_OLD"})J");
  EXPECT_EQ(r.body, R"J({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)J"
                    R"J("message":"The conditional request failed","Item":{"n":{"N":"5"},"pk":{"S":"p"},"sk":{"N":"1"}}})J");
  ExpectError("DeleteItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
                               "ConditionExpression":"n > :v","ExpressionAttributeValues":{":v":{"N":"5"}}})J",
              "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "The conditional request failed");
  ExpectOk("DeleteItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
                            "Expected":{"n":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"5"}]}}})J",
           "{}");
  ExpectError("PutItem", R"J({"TableName":"things","Item":{"pk":{"S":"p"},"sk":{"N":"1"}},
                            "ConditionExpression":"a = :a","ExpressionAttributeValues":{":a":{"S":"x"},":b":{"S":"y"}}})J",
              kValidation, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}");
}

TEST_F(EngineTest, UpdateItemExpressions) {
  CreateHashRange();
  ExpectOk("UpdateItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
      "UpdateExpression":"SET n = if_not_exists(n, :zero) + :one, l = list_append(:l, :l), m = :m ADD s :s",
      "ExpressionAttributeValues":{":zero":{"N":"0"},":one":{"N":"1"},":l":{"L":[{"S":"x"}]},":m":{"M":{"a":{"N":"1"}}},
                                   ":s":{"SS":["a"]}},
      "ReturnValues":"ALL_NEW"})J",
           R"J({"Attributes":{"l":{"L":[{"S":"x"},{"S":"x"}]},"m":{"M":{"a":{"N":"1"}}},"n":{"N":"1"},"pk":{"S":"p"},)J"
           R"J("s":{"SS":["a"]},"sk":{"N":"1"}}})J");
  ExpectOk("UpdateItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
      "UpdateExpression":"SET m.b = n, l[5] = :v REMOVE l[0] ADD n :one DELETE s :s",
      "ExpressionAttributeValues":{":one":{"N":"1"},":v":{"S":"y"},":s":{"SS":["a"]}},
      "ReturnValues":"UPDATED_NEW"})J",
           R"J({"Attributes":{"l":{"L":[{"S":"x"}]},"m":{"M":{"b":{"N":"1"}}},"n":{"N":"2"}}})J");
  ExpectOk("GetItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
      "ProjectionExpression":"l[1], m.a, #n","ExpressionAttributeNames":{"#n":"n"}})J",
           R"J({"Item":{"l":{"L":[{"S":"y"}]},"m":{"M":{"a":{"N":"1"}}},"n":{"N":"2"}}})J");
  ExpectError("UpdateItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
      "UpdateExpression":"SET pk = :v","ExpressionAttributeValues":{":v":{"S":"q"}}})J",
              kValidation, "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
  ExpectError("UpdateItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
      "UpdateExpression":"SET a = :v, a.b = :v","ExpressionAttributeValues":{":v":{"S":"q"}}})J",
              kValidation, "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite "
                           "one of these paths; path one: [a], path two: [a, b]");
  ExpectError("UpdateItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
      "UpdateExpression":"SET x = nope"})J",
              kValidation, "The provided expression refers to an attribute that does not exist in the item");
  ExpectError("UpdateItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
      "UpdateExpression":"SET q.r = :v","ExpressionAttributeValues":{":v":{"S":"q"}}})J",
              kValidation, "The document path provided in the update expression is invalid for update");
  ExpectError("UpdateItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},
      "UpdateExpression":"ADD m :one","ExpressionAttributeValues":{":one":{"N":"1"}}})J",
              kValidation, "An operand in the update expression has an incorrect data type");
}

TEST_F(EngineTest, UpdateItemOfRemovalsOnlyCreatesNothing) {
  CreateHashRange();
  const std::string key = R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},)J";
  for (const char* update : {R"J("UpdateExpression":"REMOVE a, b.c")J",
                             R"J("UpdateExpression":"DELETE s :s","ExpressionAttributeValues":{":s":{"SS":["x"]}})J",
                             R"J("AttributeUpdates":{"a":{"Action":"DELETE"},"s":{"Action":"DELETE","Value":{"SS":["x"]}}})J"}) {
    ExpectOk("UpdateItem", key + update + R"J(,"ReturnValues":"ALL_NEW"})J", "{}");
    ExpectOk("UpdateItem", key + update + R"J(,"ReturnValues":"UPDATED_NEW"})J", "{}");
    ExpectOk("GetItem", R"J({"TableName":"things","Key":{"pk":{"S":"p"},"sk":{"N":"1"}}})J", "{}");
  }
  // An empty update, or removals beside an addition, create the item.
  ExpectOk("UpdateItem", key + R"J("UpdateExpression":"REMOVE a ADD n :one","ExpressionAttributeValues":{":one":{"N":"1"}},
      "ReturnValues":"ALL_NEW"})J", R"J({"Attributes":{"n":{"N":"1"},"pk":{"S":"p"},"sk":{"N":"1"}}})J");
  ExpectOk("UpdateItem", R"J({"TableName":"things","Key":{"pk":{"S":"q"},"sk":{"N":"1"}},"ReturnValues":"ALL_NEW"})J",
           R"J({"Attributes":{"pk":{"S":"q"},"sk":{"N":"1"}}})J");
  // On an existing item the removal applies and the key-only item stays.
  ExpectOk("UpdateItem", key + R"J("UpdateExpression":"REMOVE n","ReturnValues":"ALL_NEW"})J",
           R"J({"Attributes":{"pk":{"S":"p"},"sk":{"N":"1"}}})J");
}

}  // namespace
}  // namespace dodb
