// Tests of GSIs partitioned by their own key (index_outbox.h): a table shard's writes leave
// outbox records (and no local GSI entries), versions grow per item across objects, and an index
// shard applies records idempotently: repeated, late and reordered deliveries converge to the
// table's projected items. Two engines over two stores play the table shard and the index shard.
#include "storage/index_outbox.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine.h"
#include "format/keyspace.h"
#include "storage/memory_store.h"
#include "util/json.h"

namespace dodb {
namespace {

constexpr char kDefinition[] =
    R"("TableName":"tbl","BillingMode":"PAY_PER_REQUEST",)"
    R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
    R"("GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],)"
    R"("Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}])";

class IndexOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = table_.Handle("@Shard:CreateTable", std::string("{") + kDefinition +
                                                           R"(,"@IndexShards":2,"@IndexObjects":"db/T/gsi/"})");
    ASSERT_EQ(created.status, 200) << created.body;
    for (Engine* e : {&index0_, &index1_})
      ASSERT_EQ(e->Handle("@Shard:CreateTable", std::string("{") + kDefinition + "}").status, 200);
  }

  void Put(const std::string& item) {
    ASSERT_EQ(table_.Handle("PutItem", R"({"TableName":"tbl","Item":)" + item + "}").status, 200);
  }

  // The outbox records waiting (their "At" and "Record" texts), oldest first.
  std::vector<std::pair<std::string, std::string>> Outbox() {
    std::string body = table_.Handle("@OutboxRead", R"({"Limit":100})").body;
    JsonDocument d;
    d.Parse(body.data(), body.size());
    std::vector<std::pair<std::string, std::string>> out;
    for (const JsonValue& r : d["Records"].GetArray()) {
      JsonWriter w;
      r["Record"].Accept(w);
      out.emplace_back(std::string(StringOf(r["At"])), w.Take());
    }
    return out;
  }

  // Delivers records to their index shard ("db/T/gsi/byG/<i>") and acknowledges them.
  void Deliver(const std::vector<std::pair<std::string, std::string>>& records, bool ack = true) {
    std::string at;
    for (const auto& [place, record] : records) {
      Engine& target = record.find("\"db/T/gsi/byG/0\"") != std::string::npos ? index0_ : index1_;
      ASSERT_EQ(target.Handle("@IndexApply", R"({"TableName":"tbl","Records":[)" + record + "]}").status, 200);
      at += (at.empty() ? "\"" : ",\"") + place + "\"";
    }
    if (ack) ASSERT_EQ(table_.Handle("@OutboxAck", "{\"At\":[" + at + "]}").status, 200);
  }

  // What a Query of g = value on the index shards answers (Items only).
  std::string QueryIndex(const std::string& value) {
    std::string q = R"({"TableName":"tbl","IndexName":"byG","KeyConditionExpression":"g = :g",)"
                    R"("ExpressionAttributeValues":{":g":{"S":")" + value + R"("}}})";
    std::string a = index0_.Handle("Query", q).body, b = index1_.Handle("Query", q).body;
    return a.find("\"Count\":0") == std::string::npos ? a : b;
  }

  MemoryStore table_store_, index0_store_, index1_store_;
  Engine table_{table_store_}, index0_{index0_store_}, index1_{index1_store_};
};

TEST_F(IndexOutboxTest, WritesLeaveOutboxRecordsAndNoLocalEntries) {
  Put(R"({"pk":{"S":"a"},"g":{"S":"G1"},"x":{"N":"1"},"y":{"N":"2"}})");
  Put(R"({"pk":{"S":"b"},"y":{"N":"2"}})");  // not in the index: nothing to send
  auto records = Outbox();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_NE(records[0].second.find(R"("T":"tbl","I":"byG","X":2,"K":{"pk":{"S":"a"}})"), std::string::npos) << records[0].second;
  // The projection: keys and x, not y.
  EXPECT_NE(records[0].second.find(R"("x":{"N":"1"})"), std::string::npos);
  EXPECT_EQ(records[0].second.find(R"("y")"), std::string::npos);
  // No GSI entries in the table shard: its Query on the index finds nothing.
  std::string local = table_.Handle("Query", R"({"TableName":"tbl","IndexName":"byG","KeyConditionExpression":"g = :g",)"
                                             R"("ExpressionAttributeValues":{":g":{"S":"G1"}}})").body;
  EXPECT_NE(local.find("\"Count\":0"), std::string::npos) << local;
  Deliver(records);
  EXPECT_TRUE(Outbox().empty());
  EXPECT_NE(QueryIndex("G1").find(R"("pk":{"S":"a"})"), std::string::npos);
}

TEST_F(IndexOutboxTest, AnUnchangedProjectionSendsNothing) {
  Put(R"({"pk":{"S":"a"},"g":{"S":"G1"},"x":{"N":"1"},"y":{"N":"2"}})");
  Deliver(Outbox());
  Put(R"({"pk":{"S":"a"},"g":{"S":"G1"},"x":{"N":"1"},"y":{"N":"3"}})");  // y is not projected
  EXPECT_TRUE(Outbox().empty());
}

TEST_F(IndexOutboxTest, VersionsGrowPerItemEvenWithinOneMillisecond) {
  std::string key = ItemPrefix(1) + "k";
  uint64_t a = NextItemVersion(table_store_, key);
  uint64_t b = NextItemVersion(table_store_, key);
  EXPECT_GT(b, a);
  // A copy of the item's version record on another object (a split) keeps it growing there.
  std::string bytes;
  ASSERT_TRUE(table_store_.Get(std::string(1, kItemVersionPrefix) + key, &bytes));
  index0_store_.Put(std::string(1, kItemVersionPrefix) + key, bytes);
  EXPECT_GT(NextItemVersion(index0_store_, key), b);
}

TEST_F(IndexOutboxTest, DuplicatedLateAndReorderedDeliveriesConverge) {
  // a moves between index partitions G1 and G2 (possibly different index shards), then goes.
  Put(R"({"pk":{"S":"a"},"g":{"S":"G1"},"x":{"N":"1"}})");
  Put(R"({"pk":{"S":"a"},"g":{"S":"G2"},"x":{"N":"2"}})");
  Put(R"({"pk":{"S":"a"},"g":{"S":"G1"},"x":{"N":"3"}})");
  auto records = Outbox();
  ASSERT_GE(records.size(), 3u);
  // Deliver newest first, then everything again in order (duplicates, late ones): the newest wins.
  std::vector<std::pair<std::string, std::string>> reversed(records.rbegin(), records.rend());
  Deliver(reversed, false);
  Deliver(records);
  std::string g1 = QueryIndex("G1");
  EXPECT_NE(g1.find(R"("x":{"N":"3"})"), std::string::npos) << g1;
  EXPECT_NE(QueryIndex("G2").find("\"Count\":0"), std::string::npos);
  // A delete, delivered twice; then an old upsert arrives late: it cannot resurrect the entry.
  ASSERT_EQ(table_.Handle("DeleteItem", R"({"TableName":"tbl","Key":{"pk":{"S":"a"}}})").status, 200);
  auto removal = Outbox();
  ASSERT_EQ(removal.size(), 1u);
  Deliver(removal, false);
  Deliver(removal);
  Deliver({records.back()}, false);
  EXPECT_NE(QueryIndex("G1").find("\"Count\":0"), std::string::npos);
  EXPECT_NE(QueryIndex("G2").find("\"Count\":0"), std::string::npos);
}

TEST_F(IndexOutboxTest, RecordsOfADeletedIndexAreDroppedNotDelivered) {
  Put(R"({"pk":{"S":"a"},"g":{"S":"G1"}})");
  ASSERT_EQ(table_.Handle("UpdateTable", R"({"TableName":"tbl","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byG"}}]})").status, 200);
  // Even while the deletion is in progress, and after: nothing is handed out, and it is gone.
  EXPECT_TRUE(Outbox().empty());
  while (table_.Handle("@Maintain", "{}").body.find(R"("More":true)") != std::string::npos) {
  }
  EXPECT_TRUE(ReadOutbox(table_store_, 10).empty());
}

TEST_F(IndexOutboxTest, AnIndexCreatedLaterIsBackfilledThroughTheOutbox) {
  MemoryStore store;
  Engine shard{store};
  ASSERT_EQ(shard.Handle("@Shard:CreateTable",
                         R"({"TableName":"utb","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],)"
                         R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"@IndexShards":2,"@IndexObjects":"db/U/gsi/"})")
                .status,
            200);
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(shard.Handle("PutItem", R"({"TableName":"utb","Item":{"pk":{"S":"k)" + std::to_string(i) + R"("},"g":{"S":"G"}}})").status, 200);
  EXPECT_NE(shard.Handle("@OutboxRead", "{}").body.find(R"("Records":[])"), std::string::npos);
  ASSERT_EQ(shard.Handle("UpdateTable", R"({"TableName":"utb","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],)"
                                        R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],)"
                                        R"("Projection":{"ProjectionType":"KEYS_ONLY"}}}]})")
                .status,
            200);
  EXPECT_NE(shard.Handle("DescribeTable", R"({"TableName":"utb"})").body.find(R"("IndexStatus":"CREATING")"), std::string::npos);
  while (shard.Handle("@Maintain", R"({"Budget":2})").body.find(R"("More":true)") != std::string::npos) {
  }
  // Every item is in the outbox: the index stays CREATING (no alarm spinning: More is false, the
  // next look is due shortly) until the index shards have acknowledged them.
  std::string step = shard.Handle("@Maintain", "{}").body;
  EXPECT_NE(step.find(R"("More":false,"NextMs":)"), std::string::npos) << step;
  EXPECT_NE(shard.Handle("DescribeTable", R"({"TableName":"utb"})").body.find(R"("IndexStatus":"CREATING")"), std::string::npos);
  std::string outbox = shard.Handle("@OutboxRead", "{}").body;
  std::string at;
  size_t records = 0;
  for (size_t p = outbox.find(R"("At":")"); p != std::string::npos; p = outbox.find(R"("At":")", p + 1)) {
    size_t begin = p + 6, end = outbox.find('"', begin);
    at += (at.empty() ? "\"" : ",\"") + outbox.substr(begin, end - begin) + "\"";
    ++records;
  }
  EXPECT_EQ(records, 5u) << outbox;
  ASSERT_EQ(shard.Handle("@OutboxAck", "{\"At\":[" + at + "]}").status, 200);
  shard.Handle("@Maintain", "{}");
  EXPECT_NE(shard.Handle("DescribeTable", R"({"TableName":"utb"})").body.find(R"("IndexStatus":"ACTIVE")"), std::string::npos);
}

TEST_F(IndexOutboxTest, ShardMapNamesThePartitionedIndexes) {
  MemoryStore store;
  Engine directory{store};
  ASSERT_EQ(directory.Handle("@Shard:CreateTable", std::string("{") + kDefinition +
                                                       R"(,"Tags":[{"Key":"do-dynamodb:shards","Value":"4"}],"@IndexShards":4})")
                .status,
            200);
  std::string map = directory.Handle("@ShardMap", R"({"TableName":"tbl"})").body;
  EXPECT_NE(map.find(R"("IndexShards":4,"GlobalIndexes":[{"Name":"byG","HashKeys":["g"]}])"), std::string::npos) << map;
  // The index shard of a Query is the hash of its index partition key, as the writer computes it.
  std::string route = directory.Handle("@Route", R"({"Operation":"Query","HashKey":"pk","IndexHashKeys":["g"],"Request":)"
                                                 R"({"TableName":"tbl","IndexName":"byG","KeyConditionExpression":"g = :g",)"
                                                 R"("ExpressionAttributeValues":{":g":{"S":"G1"}}}})").body;
  std::string esk = directory.Handle("@Route", R"({"Operation":"Scan","HashKey":"pk","IndexHashKeys":["g"],"Request":)"
                                               R"({"Key":{"g":{"S":"G1"},"pk":{"S":"zz"}}}})").body;
  EXPECT_NE(route.find("\"Hash\":"), std::string::npos) << route;
  EXPECT_EQ(route, esk);
  // A GSI created online stays CREATING in the directory until the router says every shard is done.
  ASSERT_EQ(directory.Handle("UpdateTable", R"({"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"x","AttributeType":"S"}],)"
                                            R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byX","KeySchema":[{"AttributeName":"x","KeyType":"HASH"}],)"
                                            R"("Projection":{"ProjectionType":"KEYS_ONLY"}}}]})")
                .status,
            200);
  std::string step = directory.Handle("@Maintain", "{}").body;
  EXPECT_NE(step.find(R"("More":false)"), std::string::npos) << step;  // no spinning alarm
  EXPECT_NE(directory.Handle("@ShardMap", R"({"TableName":"tbl"})").body.find(R"({"Name":"byX","HashKeys":["x"],"Creating":true})"),
            std::string::npos);
  ASSERT_EQ(directory.Handle("@IndexActive", R"({"TableName":"tbl","IndexName":"byX"})").status, 200);
  EXPECT_NE(directory.Handle("@ShardMap", R"({"TableName":"tbl"})").body.find(R"({"Name":"byX","HashKeys":["x"]})"), std::string::npos);
}

}  // namespace
}  // namespace dodb
