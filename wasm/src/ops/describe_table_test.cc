// "@DescribeTableDefinition": DescribeTable's description plus the Time to Live attribute, and
// no writes at all, even when DescribeTable itself would start a statistics refresh.
#include <gtest/gtest.h>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

TEST(DescribeTableDefinitionTest, DescribesWithoutWriting) {
  MemoryStore store;
  Engine engine{store};
  ASSERT_EQ(engine.Handle("CreateTable", R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})").status, 200);
  Response r = engine.Handle("@DescribeTableDefinition", R"({"TableName":"tbl"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"({"Table":{"AttributeDefinitions":)"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("TimeToLiveAttribute"), std::string::npos) << r.body;

  ASSERT_EQ(engine.Handle("UpdateTimeToLive", R"({"TableName":"tbl",
      "TimeToLiveSpecification":{"AttributeName":"expiresAt","Enabled":true}})").status, 200);
  while (engine.Handle("@Maintain", "{}").body.find(R"("More":true)") != std::string::npos) {
  }
  store.set_now_ms(store.NowMs() + 7 * 3600 * 1000.0);  // statistics stale: DescribeTable would save
  auto before = store.entries();
  r = engine.Handle("@DescribeTableDefinition", R"({"TableName":"tbl"})");
  EXPECT_NE(r.body.find(R"(,"TimeToLiveAttribute":"expiresAt"})"), std::string::npos) << r.body;
  EXPECT_EQ(store.entries(), before);
  engine.Handle("DescribeTable", R"({"TableName":"tbl"})");
  EXPECT_NE(store.entries(), before) << "the control: DescribeTable does start a refresh";

  r = engine.Handle("@DescribeTableDefinition", R"({"TableName":"missing"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("ResourceNotFoundException"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace dodb
