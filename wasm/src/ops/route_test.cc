// End-to-end tests of "@Route": the partition a request addresses, as the shard router asks it.
#include <gtest/gtest.h>

#include <string>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

class RouteTest : public ::testing::Test {
 protected:
  std::string Route(const std::string& op, const std::string& request) {
    return engine_.Handle("@Route", R"({"Operation":")" + op + R"(","HashKey":"pk","LocalIndexes":["byDate"],"Request":)" +
                                        request + "}")
        .body;
  }
  MemoryStore store_;
  Engine engine_{store_};
};

TEST_F(RouteTest, ItemRequestsHashTheirPartitionKey) {
  std::string get = Route("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})");
  ASSERT_NE(get.find(R"("Hash":)"), std::string::npos) << get;
  EXPECT_EQ(Route("PutItem", R"({"TableName":"t","Item":{"pk":{"S":"a"},"x":{"S":"y"}}})"), get);
  EXPECT_EQ(Route("UpdateItem", R"({"TableName":"t","Key":{"pk":{"S":"a"}}})"), get);
  EXPECT_EQ(Route("DeleteItem", R"({"TableName":"t","Key":{"pk":{"S":"a"}}})"), get);
  EXPECT_EQ(Route("ConditionCheck", R"({"TableName":"t","Key":{"pk":{"S":"a"}}})"), get);
  EXPECT_NE(Route("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"b"}}})"), get);
  // The type is part of the key: the string "1" and the number 1 are different partitions.
  EXPECT_NE(Route("GetItem", R"({"Key":{"pk":{"S":"1"}}})"), Route("GetItem", R"({"Key":{"pk":{"N":"1"}}})"));
}

TEST_F(RouteTest, NumbersHashByValue) {
  std::string one = Route("GetItem", R"({"Key":{"pk":{"N":"1"}}})");
  EXPECT_EQ(Route("GetItem", R"({"Key":{"pk":{"N":"1.0"}}})"), one);
  EXPECT_EQ(Route("GetItem", R"({"Key":{"pk":{"N":"0.1E1"}}})"), one);
  EXPECT_EQ(Route("GetItem", R"({"Key":{"pk":{"N":"+001"}}})"), one);
}

TEST_F(RouteTest, QueriesOnTheTableAndItsLocalIndexesNameOnePartition) {
  std::string get = Route("GetItem", R"({"Key":{"pk":{"S":"a"}}})");
  EXPECT_EQ(Route("Query", R"({"KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}}})"), get);
  // As dynamodb-toolbox and ElectroDB write them: parentheses, names, a lowercase "and".
  EXPECT_EQ(Route("Query", R"x({"KeyConditionExpression":"(#p = :p) and (begins_with(#s, :s))",)x"
                           R"("ExpressionAttributeNames":{"#p":"pk","#s":"sk"},)"
                           R"("ExpressionAttributeValues":{":p":{"S":"a"},":s":{"S":"x"}}})"),
            get);
  EXPECT_EQ(Route("Query", R"({"KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}}})"), get);
  EXPECT_EQ(Route("Query", R"({"IndexName":"byDate","KeyConditionExpression":"pk = :p",)"
                           R"("ExpressionAttributeValues":{":p":{"S":"a"}}})"),
            get);
}

TEST_F(RouteTest, RequestsThatNameNoOnePartitionAnswerNothing) {
  EXPECT_EQ(Route("Scan", R"({"TableName":"t"})"), "{}");
  EXPECT_EQ(Route("Query", R"({"IndexName":"byOwner","KeyConditionExpression":"pk = :p",)"
                           R"("ExpressionAttributeValues":{":p":{"S":"a"}}})"),
            "{}");
  EXPECT_EQ(Route("Query", R"({"KeyConditionExpression":"sk = :p","ExpressionAttributeValues":{":p":{"S":"a"}}})"), "{}");
  EXPECT_EQ(Route("Query", R"({"KeyConditionExpression":"pk = :missing"})"), "{}");
  EXPECT_EQ(Route("GetItem", R"({"Key":{"other":{"S":"a"}}})"), "{}");
  EXPECT_EQ(Route("GetItem", R"({"Key":{"pk":{"SS":["a"]}}})"), "{}");
  EXPECT_EQ(Route("GetItem", R"({"Key":{"pk":{"N":"not a number"}}})"), "{}");
  EXPECT_EQ(Route("GetItem", R"({"Key":[]})"), "{}");
}

TEST_F(RouteTest, MalformedRouteRequestsAreValidationErrors) {
  EXPECT_NE(engine_.Handle("@Route", R"({"Operation":"GetItem"})").body.find("ValidationException"), std::string::npos);
}

}  // namespace
}  // namespace dodb
