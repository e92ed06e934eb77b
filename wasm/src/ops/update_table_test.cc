// UpdateTable's online index changes: backfill in bounded "@Maintain" steps, writes during the
// backfill, deletion, and DynamoDB's errors.
#include <gtest/gtest.h>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

class UpdateTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Call("CreateTable", R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})").status, 200);
    for (int i = 0; i < 25; ++i)
      ASSERT_EQ(Call("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"k)" + std::to_string(i) +
                                      R"("},"c":{"S":")" + (i % 3 == 0 ? "x" : "y") + "\"}}}").status, 200);
  }
  Response Call(std::string_view op, std::string_view body) { return engine_.Handle(op, body); }
  std::string CountC(const char* c) {
    return Call("Query", std::string(R"({"TableName":"tbl","IndexName":"byC","KeyConditionExpression":"c = :c","Select":"COUNT",)"
                                     R"("ExpressionAttributeValues":{":c":{"S":")") + c + "\"}}}").body;
  }
  MemoryStore store_;
  Engine engine_{store_};
};

TEST_F(UpdateTableTest, CreateBackfillsInBoundedStepsThenDeleteRemovesEntries) {
  Response r = Call("UpdateTable", R"({"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"c","AttributeType":"S"}],
      "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byC","KeySchema":[{"AttributeName":"c","KeyType":"HASH"}],
                                                "Projection":{"ProjectionType":"ALL"}}}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("TableStatus":"UPDATING")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("IndexStatus":"CREATING","Backfilling":true)"), std::string::npos);
  EXPECT_EQ(CountC("x"), R"({"__type":"com.amazon.coral.validate#ValidationException","message":"Cannot read from backfilling global secondary index: byC"})");
  // Writes during the backfill: one item moves from x to y, one new x item, one x item deleted.
  ASSERT_EQ(Call("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"k0"},"c":{"S":"y"}}})").status, 200);
  ASSERT_EQ(Call("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"new"},"c":{"S":"x"}}})").status, 200);
  ASSERT_EQ(Call("DeleteItem", R"({"TableName":"tbl","Key":{"pk":{"S":"k3"}}})").status, 200);
  int steps = 0;
  while (Call("@Maintain", R"({"Budget":4})").body == R"({"More":true})") ++steps;
  EXPECT_GE(steps, 5);  // 25 items, 4 per step
  EXPECT_NE(Call("DescribeTable", R"({"TableName":"tbl"})").body.find(R"("TableStatus":"ACTIVE")"), std::string::npos);
  EXPECT_EQ(CountC("x"), R"({"Count":8,"ScannedCount":8})");   // 9 of 25, minus k0 and k3, plus new
  EXPECT_EQ(CountC("y"), R"({"Count":17,"ScannedCount":17})");

  r = Call("UpdateTable", R"({"TableName":"tbl","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byC"}}]})");
  EXPECT_NE(r.body.find(R"("IndexStatus":"DELETING")"), std::string::npos) << r.body;
  while (Call("@Maintain", R"({"Budget":4})").body == R"({"More":true})") {
  }
  EXPECT_EQ(Call("DescribeTable", R"({"TableName":"tbl"})").body.find("GlobalSecondaryIndexes"), std::string::npos);
  for (const auto& [key, value] : store_.entries()) EXPECT_NE(key[0], '\x03') << "index entry left behind";
}

TEST_F(UpdateTableTest, Errors) {
  EXPECT_EQ(Call("UpdateTable", R"({"TableName":"tbl"})").body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"At least one of ProvisionedThroughput, )"
            R"(BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, )"
            R"(MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, )"
            R"(OnDemandThroughput, WarmThroughput or TableClass is required"})");
  const char* two = R"({"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"c","AttributeType":"S"}],
      "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"ix1","KeySchema":[{"AttributeName":"c","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}},
                                     {"Create":{"IndexName":"ix2","KeySchema":[{"AttributeName":"c","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]})";
  EXPECT_EQ(Call("UpdateTable", two).body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#LimitExceededException","message":"Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"})");
  EXPECT_EQ(Call("UpdateTable", R"({"TableName":"tbl","GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"ix1",
      "KeySchema":[{"AttributeName":"c","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]})").body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"One or more parameter values were invalid: AttributeDefinitions is not specified for index: ix1"})");
  EXPECT_EQ(Call("UpdateTable", R"({"TableName":"nope","DeletionProtectionEnabled":true})").body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: nope not found"})");
}

}  // namespace
}  // namespace dodb

namespace dodb {
namespace {

TEST_F(UpdateTableTest, StatisticsRefreshEverySixHoursInTheBackground) {
  auto count = [&] {
    Response r = Call("DescribeTable", R"({"TableName":"tbl"})");
    size_t at = r.body.find(R"("ItemCount":)");
    return r.body.substr(at + 12, r.body.find(',', at) - at - 12);
  };
  EXPECT_EQ(count(), "0");  // DynamoDB refreshes ItemCount about every six hours
  EXPECT_EQ(Call("@Maintain", "{}").body, R"({"More":false})");
  store_.set_now_ms(store_.NowMs() + 7 * 3600 * 1000.0);
  EXPECT_EQ(count(), "0");  // stale: a refresh starts in the background
  while (Call("@Maintain", R"({"Budget":7})").body == R"({"More":true})") {
  }
  EXPECT_EQ(count(), "25");
  EXPECT_NE(Call("DescribeTable", R"({"TableName":"tbl"})").body.find(R"("TableSizeBytes":)"), std::string::npos);
}

}  // namespace
}  // namespace dodb

namespace dodb {
namespace {

TEST_F(UpdateTableTest, TimeToLiveSweepsDeleteExpiredItems) {
  double now_s = store_.NowMs() / 1000;
  auto put = [&](const char* pk, const std::string& ttl_json) {
    ASSERT_EQ(Call("PutItem", std::string(R"({"TableName":"tbl","Item":{"pk":{"S":")") + pk + R"("},"exp":)" + ttl_json + "}}").status, 200);
  };
  put("past", R"({"N":")" + std::to_string(static_cast<long>(now_s - 10)) + "\"}");
  put("future", R"({"N":")" + std::to_string(static_cast<long>(now_s + 3600)) + "\"}");
  put("ancient", R"({"N":")" + std::to_string(static_cast<long>(now_s - 6 * 366 * 86400.0)) + "\"}");  // ignored
  put("text", R"({"S":"1"})");
  EXPECT_EQ(Call("DescribeTimeToLive", R"({"TableName":"tbl"})").body, R"({"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}})");
  EXPECT_EQ(Call("UpdateTimeToLive", R"({"TableName":"tbl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})").body,
            R"({"TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})");
  EXPECT_EQ(Call("UpdateTimeToLive", R"({"TableName":"tbl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})").body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"TimeToLive is already enabled"})");
  // Expired but not yet swept: still readable, as in DynamoDB.
  EXPECT_NE(Call("GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"past"}}})").body, "{}");
  Response r;
  do r = Call("@Maintain", R"({"Budget":5})"); while (r.body.find(R"("More":true)") != std::string::npos);
  EXPECT_NE(r.body.find(R"("NextMs":)"), std::string::npos) << r.body;  // the next sweep is scheduled
  EXPECT_EQ(Call("GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"past"}}})").body, "{}");
  for (const char* kept : {"future", "ancient", "text", "k1"})
    EXPECT_NE(Call("GetItem", std::string(R"({"TableName":"tbl","Key":{"pk":{"S":")") + kept + "\"}}}").body, "{}") << kept;
  // An hour later the next sweep removes "future".
  store_.set_now_ms(store_.NowMs() + 2 * 3600 * 1000.0);
  do r = Call("@Maintain", "{}"); while (r.body.find(R"("More":true)") != std::string::npos);
  EXPECT_EQ(Call("GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"future"}}})").body, "{}");
  EXPECT_EQ(Call("DescribeTimeToLive", R"({"TableName":"tbl"})").body,
            R"({"TimeToLiveDescription":{"TimeToLiveStatus":"ENABLED","AttributeName":"exp"}})");
}

}  // namespace
}  // namespace dodb
