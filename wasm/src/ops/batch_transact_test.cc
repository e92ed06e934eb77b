// BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems end to end.
#include <gtest/gtest.h>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

class BatchTransactTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* t : {"aaa", "bbb"})
      ASSERT_EQ(Call("CreateTable", std::string(R"({"TableName":")") + t + R"(","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})").status, 200);
  }
  Response Call(std::string_view op, std::string_view body) { return engine_.Handle(op, body); }
  MemoryStore store_;
  Engine engine_{store_};
};

TEST_F(BatchTransactTest, BatchWriteThenBatchGet) {
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"aaa":[{"PutRequest":{"Item":{"pk":{"S":"1"},"v":{"N":"1"}}}},
      {"PutRequest":{"Item":{"pk":{"S":"2"}}}}],"bbb":[{"PutRequest":{"Item":{"pk":{"S":"x"}}}}]}})").body,
            R"({"UnprocessedItems":{}})");
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"aaa":[{"DeleteRequest":{"Key":{"pk":{"S":"2"}}}}]}})").body,
            R"({"UnprocessedItems":{}})");
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"aaa":{"Keys":[{"pk":{"S":"1"}},{"pk":{"S":"2"}}],"ProjectionExpression":"v"},
      "bbb":{"Keys":[{"pk":{"S":"x"}}]}}})").body,
            R"({"Responses":{"aaa":[{"v":{"N":"1"}}],"bbb":[{"pk":{"S":"x"}}]},"UnprocessedKeys":{}})");
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"aaa":[{"PutRequest":{"Item":{"pk":{"S":"1"}}}},
      {"DeleteRequest":{"Key":{"pk":{"S":"1"}}}}]}})").body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"Provided list of item keys contains duplicates"})");
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"aaa":[{"PutRequest":{"Item":{"pk":{"S":"3"}}}},
      {"PutRequest":{"Item":{"pk":{"N":"1"}}}}]}})").body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"The provided key element does not match the schema"})");
  // Nothing of a failed batch was written.
  EXPECT_EQ(Call("GetItem", R"({"TableName":"aaa","Key":{"pk":{"S":"3"}}})").body, "{}");
}

TEST_F(BatchTransactTest, TransactionIsAllOrNothing) {
  ASSERT_EQ(Call("PutItem", R"({"TableName":"aaa","Item":{"pk":{"S":"acct"},"balance":{"N":"10"}}})").status, 200);
  const char* transfer = R"({"TransactItems":[
      {"Update":{"TableName":"aaa","Key":{"pk":{"S":"acct"}},"UpdateExpression":"SET balance = balance - :amt",
                 "ConditionExpression":"balance >= :amt","ExpressionAttributeValues":{":amt":{"N":"7"}},
                 "ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},
      {"Put":{"TableName":"bbb","Item":{"pk":{"S":"receipt"}}}}]})";
  EXPECT_EQ(Call("TransactWriteItems", transfer).body, "{}");
  Response r = Call("TransactWriteItems", transfer);
  EXPECT_EQ(r.body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled, )"
            R"(please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]","CancellationReasons":)"
            R"([{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"balance":{"N":"3"},"pk":{"S":"acct"}}},{"Code":"None"}]})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"aaa","Key":{"pk":{"S":"acct"}}})").body,
            R"({"Item":{"balance":{"N":"3"},"pk":{"S":"acct"}}})");
  EXPECT_EQ(Call("TransactWriteItems", R"J({"TransactItems":[{"Put":{"TableName":"aaa","Item":{"pk":{"S":"a"}}}},
      {"ConditionCheck":{"TableName":"aaa","Key":{"pk":{"S":"a"}},"ConditionExpression":"attribute_exists(pk)"}}]})J").body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"Transaction request cannot include multiple operations on one item"})");
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":[{"Get":{"TableName":"aaa","Key":{"pk":{"S":"acct"}}}},
      {"Get":{"TableName":"bbb","Key":{"pk":{"S":"missing"}}}}]})").body,
            R"({"Responses":[{"Item":{"balance":{"N":"3"},"pk":{"S":"acct"}}},{}]})");
}

TEST_F(BatchTransactTest, ClientRequestTokenMakesRetriesIdempotent) {
  const char* add = R"({"ClientRequestToken":"tok-1","TransactItems":[{"Update":{"TableName":"aaa","Key":{"pk":{"S":"c"}},
      "UpdateExpression":"ADD n :one","ExpressionAttributeValues":{":one":{"N":"1"}}}}]})";
  EXPECT_EQ(Call("TransactWriteItems", add).body, "{}");
  EXPECT_EQ(Call("TransactWriteItems", add).body, "{}");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"aaa","Key":{"pk":{"S":"c"}}})").body, R"({"Item":{"n":{"N":"1"},"pk":{"S":"c"}}})");
  Response r = Call("TransactWriteItems", R"({"ClientRequestToken":"tok-1","TransactItems":[{"Update":{"TableName":"aaa",
      "Key":{"pk":{"S":"c"}},"UpdateExpression":"ADD n :two","ExpressionAttributeValues":{":two":{"N":"2"}}}}]})");
  EXPECT_NE(r.body.find("IdempotentParameterMismatchException"), std::string::npos) << r.body;
  store_.set_now_ms(store_.NowMs() + 11 * 60 * 1000);  // the token expires after 10 minutes
  EXPECT_EQ(Call("TransactWriteItems", add).body, "{}");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"aaa","Key":{"pk":{"S":"c"}}})").body, R"({"Item":{"n":{"N":"2"},"pk":{"S":"c"}}})");
}

}  // namespace
}  // namespace dodb

namespace dodb {
namespace {

TEST_F(BatchTransactTest, TagsAndLimits) {
  const char* arn = "arn:aws:dynamodb:ddblocal:000000000000:table/aaa";
  EXPECT_EQ(Call("TagResource", std::string(R"({"ResourceArn":")") + arn + R"(","Tags":[{"Key":"team","Value":"core"},{"Key":"env","Value":"dev"}]})").body, "{}");
  EXPECT_EQ(Call("UntagResource", std::string(R"({"ResourceArn":")") + arn + R"(","TagKeys":["env"]})").body, "{}");
  EXPECT_EQ(Call("ListTagsOfResource", std::string(R"({"ResourceArn":")") + arn + "\"}").body,
            R"({"Tags":[{"Key":"team","Value":"core"}]})");
  EXPECT_EQ(Call("ListTagsOfResource", R"({"ResourceArn":"arn:aws:dynamodb:ddblocal:000000000000:table/nope"})").body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: ResourcArn: arn:aws:dynamodb:ddblocal:000000000000:table/nope not found"})");
  EXPECT_EQ(Call("DescribeLimits", "{}").body,
            R"({"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,"TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000})");
}

}  // namespace
}  // namespace dodb
