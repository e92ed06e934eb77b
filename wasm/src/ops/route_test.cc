// End-to-end tests of what the engine offers the shard router (docs/SCALING.md): "@Route" (the
// partition a request addresses), "@ShardMap", and the internal members "@PageBytes" (Scan) and
// "@DryRun" (BatchWriteItem).
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
  // Table "tbl", hash key pk (S).
  int CreateHashTable() {
    return engine_.Handle("CreateTable", R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",)"
                                         R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],)"
                                         R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})")
        .status;
  }
  MemoryStore store_;
  Engine engine_{store_};
};

TEST_F(RouteTest, ItemRequestsHashTheirPartitionKey) {
  std::string get = Route("GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})");
  ASSERT_NE(get.find(R"("Hash":)"), std::string::npos) << get;
  EXPECT_EQ(Route("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"a"},"x":{"S":"y"}}})"), get);
  EXPECT_EQ(Route("UpdateItem", R"({"TableName":"tbl","Key":{"pk":{"S":"a"}}})"), get);
  EXPECT_EQ(Route("DeleteItem", R"({"TableName":"tbl","Key":{"pk":{"S":"a"}}})"), get);
  EXPECT_EQ(Route("ConditionCheck", R"({"TableName":"tbl","Key":{"pk":{"S":"a"}}})"), get);
  EXPECT_NE(Route("GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"b"}}})"), get);
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
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}}})"), get);
  // As dynamodb-toolbox and ElectroDB write them: parentheses, names, a lowercase "and".
  EXPECT_EQ(Route("Query", R"x({"TableName":"tbl","KeyConditionExpression":"(#p = :p) and (begins_with(#s, :s))",)x"
                           R"("ExpressionAttributeNames":{"#p":"pk","#s":"sk"},)"
                           R"("ExpressionAttributeValues":{":p":{"S":"a"},":s":{"S":"x"}}})"),
            get);
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}}})"), get);
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","IndexName":"byDate","KeyConditionExpression":"pk = :p",)"
                           R"("ExpressionAttributeValues":{":p":{"S":"a"}}})"),
            get);
}

TEST_F(RouteTest, RequestsThatNameNoOnePartitionAnswerNothing) {
  EXPECT_EQ(Route("Scan", R"({"TableName":"tbl"})"), "{}");
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","IndexName":"byOwner","KeyConditionExpression":"pk = :p",)"
                           R"("ExpressionAttributeValues":{":p":{"S":"a"}}})"),
            "{}");
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","KeyConditionExpression":"sk = :p","ExpressionAttributeValues":{":p":{"S":"a"}}})"), "{}");
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","KeyConditionExpression":"pk = :missing"})"), "{}");
  EXPECT_EQ(Route("GetItem", R"({"Key":{"other":{"S":"a"}}})"), "{}");
  EXPECT_EQ(Route("GetItem", R"({"Key":{"pk":{"SS":["a"]}}})"), "{}");
  EXPECT_EQ(Route("GetItem", R"({"Key":{"pk":{"N":"not a number"}}})"), "{}");
  EXPECT_EQ(Route("GetItem", R"({"Key":[]})"), "{}");
  // Unchecked members of the wrong type or shape are no partition, never a trap.
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","KeyConditions":{"pk":{"AttributeValueList":[{"S":"a"}]}}})"), "{}");
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","KeyConditions":{"pk":{"ComparisonOperator":7}}})"), "{}");
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":[1]})"), "{}");
  EXPECT_EQ(Route("Query", R"({"TableName":"tbl","KeyConditionExpression":"#p = :p","ExpressionAttributeNames":{"#p":1},)"
                           R"("ExpressionAttributeValues":{":p":{"S":"a"}}})"),
            "{}");
}

TEST_F(RouteTest, MalformedRouteRequestsAreValidationErrors) {
  EXPECT_NE(engine_.Handle("@Route", R"({"Operation":"GetItem"})").body.find("ValidationException"), std::string::npos);
}

TEST_F(RouteTest, ShardMapReadsTheShardsTag) {
  ASSERT_EQ(engine_.Handle("CreateTable", R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",)"
                                          R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
                                          R"({"AttributeName":"sk","AttributeType":"S"}],)"
                                          R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],)"
                                          R"("LocalSecondaryIndexes":[{"IndexName":"bySk","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
                                          R"({"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],)"
                                          R"("Tags":[{"Key":"do-dynamodb:shards","Value":"4"}]})")
                .status,
            200);
  std::string map = engine_.Handle("@ShardMap", R"({"TableName":"tbl"})").body;
  EXPECT_NE(map.find(R"("Shards":4,"HashKey":"pk","LocalIndexes":["bySk"])"), std::string::npos) << map;
  EXPECT_NE(engine_.Handle("@ShardMap", R"({"TableName":"nope"})").body.find("ResourceNotFoundException"), std::string::npos);
  // The database's own object holds the definition only: item requests not from the router are refused.
  std::string get = R"({"TableName":"tbl","Key":{"pk":{"S":"a"},"sk":{"S":"b"}}})";
  EXPECT_NE(engine_.Handle("GetItem", get).body.find("Table tbl is spread over 4 Durable Objects"), std::string::npos);
  EXPECT_EQ(engine_.Handle("@Shard:GetItem", get).status, 200);
  EXPECT_EQ(engine_.Handle("DescribeTable", R"({"TableName":"tbl"})").status, 200);
}

TEST_F(RouteTest, PageBytesBoundsAScanPageAndIsReported) {
  ASSERT_EQ(CreateHashTable(), 200);
  for (int i = 0; i < 10; ++i)
    engine_.Handle("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"k)" + std::to_string(i) + R"("},"x":{"S":")" +
                                  std::string(1000, 'x') + R"("}}})");
  std::string page = engine_.Handle("@Shard:Scan", R"({"TableName":"tbl","@PageBytes":2500})").body;
  EXPECT_NE(page.find(R"("Count":3,"ScannedCount":3)"), std::string::npos) << page.substr(page.size() - 200);
  EXPECT_NE(page.find("LastEvaluatedKey"), std::string::npos);
  EXPECT_NE(page.find(R"("@ScannedBytes":30)"), std::string::npos);
  EXPECT_EQ(engine_.Handle("Scan", R"({"TableName":"tbl"})").body.find("@ScannedBytes"), std::string::npos);
  // Only the router's calls honour the internal member: a user's request is served as DynamoDB would.
  EXPECT_NE(engine_.Handle("Scan", R"({"TableName":"tbl","@PageBytes":2500})").body.find(R"("Count":10)"), std::string::npos);
}

TEST_F(RouteTest, PositionsReportEveryItemReadInIndexOrder) {
  ASSERT_EQ(engine_.Handle("CreateTable", R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",)"
                                          R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
                                          R"({"AttributeName":"g","AttributeType":"S"},{"AttributeName":"n","AttributeType":"N"}],)"
                                          R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
                                          R"("GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},)"
                                          R"({"AttributeName":"n","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]})")
                .status,
            200);
  for (int i = 0; i < 3; ++i)
    engine_.Handle("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"k)" + std::to_string(i) + R"("},"g":{"S":"x"},"v":{"N":")" +
                                  std::to_string(i) + R"("},"n":{"N":")" + std::to_string(10 - i) + R"("}}})");
  std::string query = R"({"TableName":"tbl","IndexName":"byG","KeyConditionExpression":"g = :g","FilterExpression":"v > :v",)"
                      R"("ExpressionAttributeValues":{":g":{"S":"x"},":v":{"N":"0"}},"@Positions":true})";
  std::string page = engine_.Handle("@Shard:Query", query).body;
  // n = 8 (k2), 9 (k1), 10 (k0) in index order; the filter drops k0 (v = 0).
  size_t first = page.find(R"("K":{"g":{"S":"x"},"n":{"N":"8"},"pk":{"S":"k2"}},"S":12,"M":true})");
  size_t second = page.find(R"("K":{"g":{"S":"x"},"n":{"N":"9"},"pk":{"S":"k1"}})");
  ASSERT_NE(first, std::string::npos) << page;
  EXPECT_LT(first, second);
  EXPECT_NE(page.find(R"("M":false})"), std::string::npos);
  EXPECT_NE(page.find(R"("Count":2,"ScannedCount":3)"), std::string::npos) << page;
  EXPECT_EQ(engine_.Handle("Query", query).body.find("@Scanned"), std::string::npos);
}

TEST_F(RouteTest, DryRunBatchWriteValidatesAndWritesNothing) {
  ASSERT_EQ(CreateHashTable(), 200);
  EXPECT_EQ(engine_.Handle("@Shard:BatchWriteItem", R"({"@DryRun":true,"RequestItems":{"tbl":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}}]}})").status, 200);
  EXPECT_EQ(engine_.Handle("Scan", R"({"TableName":"tbl","Select":"COUNT"})").body.find(R"("Count":0)"), 1u);
  EXPECT_EQ(engine_.Handle("BatchWriteItem", R"({"@DryRun":true,"RequestItems":{"tbl":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}}]}})").status, 200);
  EXPECT_EQ(engine_.Handle("Scan", R"({"TableName":"tbl","Select":"COUNT"})").body.find(R"("Count":1)"), 1u);
  EXPECT_NE(engine_.Handle("@Shard:BatchWriteItem", R"({"@DryRun":true,"RequestItems":{"tbl":[{"PutRequest":{"Item":{"x":{"S":"a"}}}}]}})").body.find(
                "ValidationException"),
            std::string::npos);
}

}  // namespace
}  // namespace dodb
