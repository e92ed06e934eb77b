// A split end to end in the engine (docs/SCALING.md "Splits"): a parent object hands the upper
// half of its buckets to a child while it keeps taking writes; afterwards every item is in
// exactly one object, as last written, and the parent no longer shows or keeps what it gave away.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>

#include "engine.h"
#include "format/key_codec.h"
#include "format/shard_split.h"
#include "storage/memory_store.h"
#include "util/json.h"

namespace dodb {
namespace {

constexpr char kTable[] = R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",)"
                          R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],)"
                          R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
                          R"("GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],)"
                          R"("Projection":{"ProjectionType":"ALL"}}],)"
                          R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}})";

uint32_t BucketOf(const std::string& pk) {
  std::string encoded;
  AttributeValue v;
  v.type = ValueType::S;
  v.scalar = pk;
  AppendKeyValue(v, &encoded);
  return BucketOfHash(PartitionHash(encoded));
}

class SplitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(parent_.Handle("CreateTable", kTable).status, 200);
    for (int i = 0; i < 200; ++i) Put("k" + std::to_string(i), "v0");
  }
  void Put(const std::string& pk, const std::string& value) {
    model_[pk] = value;
    ASSERT_EQ(parent_.Handle("@Shard:PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":")" + pk + R"("},"g":{"S":"all"},"v":{"S":")" +
                                                   value + R"("}}})").status, 200);
  }
  void Delete(const std::string& pk) {
    model_.erase(pk);
    ASSERT_EQ(parent_.Handle("@Shard:DeleteItem", R"({"TableName":"tbl","Key":{"pk":{"S":")" + pk + R"("}}})").status, 200);
  }
  JsonDocument Call(Engine& engine, const std::string& op, const std::string& body) {
    Response r = engine.Handle(op, body);
    EXPECT_EQ(r.status, 200) << op << ": " << r.body;
    JsonDocument d;
    d.Parse(r.body.data(), r.body.size());
    return d;
  }
  static std::string Text(const JsonValue& v) {
    JsonWriter w;
    v.Accept(w);
    return w.Take();
  }
  // pk -> v of every item a Scan of the engine returns.
  std::map<std::string, std::string> ScanAll(Engine& engine, const std::string& index = "") {
    std::map<std::string, std::string> seen;
    JsonDocument page = Call(engine, "@Shard:Scan", index.empty() ? R"({"TableName":"tbl"})"
                                                                  : R"({"TableName":"tbl","IndexName":")" + index + R"("})");
    for (const JsonValue& item : page["Items"].GetArray()) {
      std::string pk(StringOf(item["pk"]["S"])), v(StringOf(item["v"]["S"]));
      EXPECT_TRUE(seen.emplace(pk, v).second) << "twice: " << pk;
    }
    return seen;
  }
  // Copies the moving range to the child page by page; between(step) runs after each page. Returns the pages.
  int CopyMoving(const std::string& max_bytes, const std::function<void(int)>& between = nullptr) {
    int step = 0;
    for (bool done = false; !done; ++step) {
      JsonDocument page = Call(parent_, "@SplitExport", R"({"TableName":"tbl")" + max_bytes + "}");
      Call(child_, "@SplitImport", R"({"TableName":"tbl","Items":)" + Text(page["Items"]) + "}");
      done = page["Done"].GetBool();
      Call(parent_, "@SplitAdvance", R"({"TableName":"tbl","Cursor":")" + std::string(StringOf(page["Cursor"])) +
                                         R"(","Done":)" + (done ? "true" : "false") + "}");
      if (between) between(step);
    }
    return step;
  }
  // Copies the dirty items to the child until none is left.
  void CopyDirty() {
    for (int round = 0; round < 20; ++round) {
      JsonDocument dirty = Call(parent_, "@SplitDirty", R"({"TableName":"tbl","Max":50})");
      std::string items = "[", deleted = "[";
      for (const JsonValue& e : dirty["Dirty"].GetArray()) {
        if (Member(e, "Item")) items += (items.size() > 1 ? "," : "") + Text(e["Item"]);
        else deleted += (deleted.size() > 1 ? "," : "") + Text(e["Key"]);
      }
      Call(child_, "@SplitImport", R"({"TableName":"tbl","Items":)" + items + R"(],"Deleted":)" + deleted + "]}");
      JsonDocument left = Call(parent_, "@SplitClear", R"({"TableName":"tbl","Dirty":)" + Text(dirty["Dirty"]) + "}");
      if (left["Left"].GetInt() == 0) return;
    }
    FAIL() << "dirty items never ran out";
  }

  MemoryStore parent_store_, child_store_;
  Engine parent_{parent_store_}, child_{child_store_};
  std::map<std::string, std::string> model_;
};

TEST_F(SplitTest, EveryItemEndsInExactlyOneObjectAsLastWritten) {
  Call(parent_, "@SplitBegin", R"({"TableName":"tbl","Self":"","Child":"/t/r32768","Lo":0,"Mid":32768,"Hi":65536})");
  JsonDocument status = Call(parent_, "@SplitStatus", R"({"TableName":"tbl"})");
  EXPECT_EQ(std::string(StringOf(status["Split"]["Phase"])), "COPY");
  // Not from a router: the table is now on two objects.
  EXPECT_NE(parent_.Handle("GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"k1"}}})").body.find("is spread over 2"),
            std::string::npos);
  Call(child_, "@SplitAdopt", R"({"Table":)" + Text(status["Definition"]) + R"(,"Lo":32768,"Hi":65536,"Self":"/t/r32768"})");
  // Writes land all through the copy: before and after the cursor, new items and deletes.
  const int step = CopyMoving(R"(,"MaxBytes":600)", [this](int step) {
    Put("k" + std::to_string(step % 200), "v" + std::to_string(step));
    Put("new" + std::to_string(step), "n");
    if (step % 3 == 0) Delete("k" + std::to_string((step * 7) % 200));
  });
  EXPECT_GT(step, 3);
  CopyDirty();
  Put("k5", "late");
  Delete("k6");
  JsonDocument fence = Call(parent_, "@SplitFence", R"({"TableName":"tbl"})");
  ASSERT_TRUE(fence["Fenced"].GetBool());
  // Behind the fence a router's write to the moving half waits for the new map; reads and the
  // other half go on.
  std::string moving_pk, staying_pk;
  for (int i = 0; moving_pk.empty() || staying_pk.empty(); ++i)
    (BucketOf("k" + std::to_string(i)) >= 32768 ? moving_pk : staying_pk) = "k" + std::to_string(i);
  std::string stale = parent_.Handle("@Shard:PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":")" + moving_pk + R"("}}})").body;
  EXPECT_NE(stale.find(R"("@StaleMap":true)"), std::string::npos) << stale;
  EXPECT_EQ(parent_.Handle("@Shard:GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":")" + moving_pk + R"("}}})").status, 200);
  Put(staying_pk, "fenced");
  CopyDirty();
  Call(parent_, "@ShardMapSplit", R"({"TableName":"tbl","TableId":")" + std::string(StringOf(status["TableId"])) +
                                      R"(","Lo":0,"Mid":32768,"Hi":65536,"Parent":"","Child":"/t/r32768"})");
  std::string map = parent_.Handle("@ShardMap", R"({"TableName":"tbl"})").body;
  EXPECT_NE(map.find(R"("Ranges":[{"Lo":0,"Hi":32768,"Object":""},{"Lo":32768,"Hi":65536,"Object":"/t/r32768"}],"Version":1)"),
            std::string::npos) << map;
  Call(parent_, "@SplitEnd", R"({"TableName":"tbl"})");
  // Now the moving half is the child's: a router with the old map is told so, for every request.
  EXPECT_NE(parent_.Handle("@Shard:GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":")" + moving_pk + R"("}}})").body.find("@StaleMap"),
            std::string::npos);
  EXPECT_NE(parent_.Handle("@Shard:Scan", R"({"TableName":"tbl","@Range":[0,65536]})").body.find("@StaleMap"), std::string::npos);
  EXPECT_EQ(parent_.Handle("@Shard:Scan", R"({"TableName":"tbl","@Range":[0,32768]})").status, 200);
  EXPECT_EQ(child_.Handle("@Shard:Scan", R"({"TableName":"tbl","@Range":[32768,65536]})").status, 200);

  // The parent shows only its half, though it still stores the other; the child has the rest.
  std::map<std::string, std::string> low = ScanAll(parent_), high = ScanAll(child_);
  std::map<std::string, std::string> both = low;
  for (const auto& [pk, v] : high) {
    EXPECT_TRUE(both.emplace(pk, v).second) << "in both: " << pk;
    EXPECT_GE(BucketOf(pk), 32768u) << pk;
  }
  for (const auto& [pk, v] : low) EXPECT_LT(BucketOf(pk), 32768u) << pk;
  EXPECT_EQ(both, model_);
  std::map<std::string, std::string> by_index = ScanAll(parent_, "byG");
  for (const auto& [pk, v] : ScanAll(child_, "byG")) by_index.emplace(pk, v);
  EXPECT_EQ(by_index, model_);

  // The parent drops what it gave away in bounded steps, then is an ordinary object again.
  for (int i = 0; i < 100; ++i)
    if (Call(parent_, "@SplitDrop", R"({"TableName":"tbl","MaxRows":16})")["Done"].GetBool()) break;
  EXPECT_EQ(ScanAll(parent_), low);
  size_t stored = 0;
  for (const auto& kv : parent_store_.Scan(std::string(1, '\x02'), std::string(1, '\x03'), false, 100000)) {
    (void)kv;
    ++stored;
  }
  EXPECT_EQ(stored, low.size());
  EXPECT_EQ(parent_store_.Scan(std::string(1, '\x09'), std::string(1, '\x0a'), false, 10).size(), 0u);
  status = Call(parent_, "@SplitStatus", R"({"TableName":"tbl"})");
  EXPECT_EQ(std::string(StringOf(status["Split"]["Phase"])), "NONE");
  EXPECT_EQ(Text(status["Split"]["Owned"]), "[[0,32768]]");
  // The copy wrote no stream records in the child: its items did not change.
  JsonDocument streams = Call(child_, "DynamoDBStreams.ListStreams", "{}");
  ASSERT_EQ(streams["Streams"].Size(), 1u);
}

TEST_F(SplitTest, ARepeatedStepChangesNothingAndAWrongOneIsRefused) {
  Call(parent_, "@SplitBegin", R"({"TableName":"tbl","Self":"","Child":"/t/r32768","Lo":0,"Mid":32768,"Hi":65536})");
  Call(parent_, "@SplitBegin", R"({"TableName":"tbl","Self":"","Child":"/t/r32768","Lo":0,"Mid":32768,"Hi":65536})");
  EXPECT_EQ(parent_.Handle("@SplitBegin", R"({"TableName":"tbl","Child":"/t/other","Lo":0,"Mid":100,"Hi":65536})").status, 400);
  EXPECT_EQ(parent_.Handle("@SplitEnd", R"({"TableName":"tbl"})").status, 400);  // not fenced yet
  Call(parent_, "@SplitAdvance", R"({"TableName":"tbl","Done":true})");
  EXPECT_EQ(std::string(StringOf(Call(parent_, "@SplitStatus", R"({"TableName":"tbl"})")["Split"]["Phase"])), "DIRTY");
  // An unknown range is not published.
  EXPECT_EQ(parent_.Handle("@ShardMapSplit", R"({"TableName":"tbl","TableId":"x","Lo":0,"Mid":5,"Hi":65536,"Parent":"","Child":"/c"})").status, 400);
}

}  // namespace
}  // namespace dodb

namespace dodb {
namespace {

TEST_F(SplitTest, AMoveHandsTheWholeRangeToTheChild) {
  Call(parent_, "@SplitBegin", R"({"TableName":"tbl","Self":"","Child":"/t/r0","Lo":0,"Mid":0,"Hi":65536})");
  JsonDocument status = Call(parent_, "@SplitStatus", R"({"TableName":"tbl"})");
  Call(child_, "@SplitAdopt", R"({"Table":)" + Text(status["Definition"]) + R"(,"Lo":0,"Hi":65536,"Self":"/t/r0"})");
  CopyMoving("");
  ASSERT_TRUE(Call(parent_, "@SplitFence", R"({"TableName":"tbl"})")["Fenced"].GetBool());
  CopyDirty();
  Call(parent_, "@ShardMapSplit", R"({"TableName":"tbl","TableId":")" + std::string(StringOf(status["TableId"])) +
                                      R"(","Lo":0,"Mid":0,"Hi":65536,"Parent":"","Child":"/t/r0"})");
  std::string map = parent_.Handle("@ShardMap", R"({"TableName":"tbl"})").body;
  EXPECT_NE(map.find(R"("Ranges":[{"Lo":0,"Hi":65536,"Object":"/t/r0"}],"Version":1)"), std::string::npos) << map;
  Call(parent_, "@SplitEnd", R"({"TableName":"tbl"})");
  EXPECT_TRUE(ScanAll(parent_).empty());
  EXPECT_EQ(ScanAll(child_), model_);
  // A router with the old map is told it is stale; the directory's check of a whole batch is not.
  EXPECT_NE(parent_.Handle("@Shard:GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"k1"}}})").body.find("@StaleMap"), std::string::npos);
  EXPECT_EQ(parent_.Handle("@Shard:BatchGetItem", R"({"RequestItems":{"tbl":{"Keys":[{"pk":{"S":"k1"}}]}},"@Directory":true})").status, 200);
  EXPECT_EQ(parent_.Handle("@Shard:BatchWriteItem", R"({"RequestItems":{"tbl":[{"PutRequest":{"Item":{"pk":{"S":"k1"}}}}]},"@DryRun":true})").status, 200);
  // Not from a router: the table's items are elsewhere.
  EXPECT_NE(parent_.Handle("GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"k1"}}})").body.find("is spread over"), std::string::npos);
}

}  // namespace
}  // namespace dodb

namespace dodb {
namespace {

TEST_F(SplitTest, AdoptingAgainTakesTheIndexesTheParentGainedOrLost) {
  Call(parent_, "@SplitBegin", R"({"TableName":"tbl","Self":"","Child":"/t/r32768","Lo":0,"Mid":32768,"Hi":65536})");
  JsonDocument status = Call(parent_, "@SplitStatus", R"({"TableName":"tbl"})");
  const std::string adopt = R"(,"Lo":32768,"Hi":65536,"Self":"/t/r32768"})";
  Call(child_, "@SplitAdopt", R"({"Table":)" + Text(status["Definition"]) + adopt);
  EXPECT_FALSE(Call(child_, "@SplitAdopt", R"({"Table":)" + Text(status["Definition"]) + adopt)["Changed"].GetBool());
  // An UpdateTable during the copy reaches the parent only: a GSI added, the other deleted.
  Call(parent_, "UpdateTable", R"({"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"v","AttributeType":"S"}],)"
                               R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byV","KeySchema":[{"AttributeName":"v","KeyType":"HASH"}],)"
                               R"("Projection":{"ProjectionType":"ALL"}}}]})");
  status = Call(parent_, "@SplitStatus", R"({"TableName":"tbl"})");
  EXPECT_TRUE(Call(child_, "@SplitAdopt", R"({"Table":)" + Text(status["Definition"]) + adopt)["Changed"].GetBool());
  std::string described = child_.Handle("DescribeTable", R"({"TableName":"tbl"})").body;
  EXPECT_NE(described.find(R"("IndexName":"byV")"), std::string::npos) << described;
  EXPECT_NE(described.find(R"("IndexName":"byG")"), std::string::npos) << described;
}

}  // namespace
}  // namespace dodb
