// Query and Scan end to end over the in-memory store: key ranges, paging, filters, projections,
// secondary indexes (GSI, LSI, multi-attribute keys, sparse) and parallel scan segments.
#include <gtest/gtest.h>

#include <set>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

class QueryScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Response r = Call("CreateTable", R"J({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
                              {"AttributeName":"g","AttributeType":"S"},{"AttributeName":"g2","AttributeType":"N"},
                              {"AttributeName":"l","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
      "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},{"AttributeName":"g2","KeyType":"RANGE"}],
                                 "Projection":{"ProjectionType":"KEYS_ONLY"}},
                                {"IndexName":"multi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},{"AttributeName":"pk","KeyType":"HASH"},
                                  {"AttributeName":"g2","KeyType":"RANGE"},{"AttributeName":"sk","KeyType":"RANGE"}],
                                 "Projection":{"ProjectionType":"ALL"}}],
      "LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],
                                "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}]})J");
    ASSERT_EQ(r.status, 200) << r.body;
    for (int i = 0; i < 10; ++i) {
      std::string item = R"({"pk":{"S":"p"},"sk":{"N":")" + std::to_string(i - 3) + R"("},"x":{"N":")" + std::to_string(i) +
                         R"("},"y":{"S":"y)" + std::to_string(i) + "\"}";
      if (i % 2 == 0) item += R"(,"g":{"S":"even"},"g2":{"N":")" + std::to_string(100 - i) + "\"}";
      if (i < 3) item += R"(,"l":{"S":"l)" + std::to_string(9 - i) + "\"}";
      item += "}";
      ASSERT_EQ(Call("PutItem", R"({"TableName":"tbl","Item":)" + item + "}").status, 200);
    }
    ASSERT_EQ(Call("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"q"},"sk":{"N":"0"}}})").status, 200);
  }
  Response Call(std::string_view op, std::string_view body) { return engine_.Handle(op, body); }
  MemoryStore store_;
  Engine engine_{store_};
};

TEST_F(QueryScanTest, KeyRangesInSortKeyOrder) {
  Response r = Call("Query", R"({"TableName":"tbl","KeyConditionExpression":"pk = :p AND sk BETWEEN :a AND :b",
      "ExpressionAttributeValues":{":p":{"S":"p"},":a":{"N":"-1"},":b":{"N":"1.5"}},"ProjectionExpression":"sk"})");
  EXPECT_EQ(r.body, R"({"Items":[{"sk":{"N":"-1"}},{"sk":{"N":"0"}},{"sk":{"N":"1"}}],"Count":3,"ScannedCount":3})");
  r = Call("Query", R"({"TableName":"tbl","KeyConditionExpression":"(sk < :a) and pk = :p","ScanIndexForward":false,
      "ExpressionAttributeValues":{":p":{"S":"p"},":a":{"N":"-1"}},"Select":"COUNT"})");
  EXPECT_EQ(r.body, R"({"Count":2,"ScannedCount":2})");
}

TEST_F(QueryScanTest, LimitCountsBeforeTheFilterAndPagesResume) {
  std::string esk;
  std::vector<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    std::string body = R"({"TableName":"tbl","KeyConditionExpression":"pk = :p","FilterExpression":"x >= :two","Limit":4,
        "ExpressionAttributeValues":{":p":{"S":"p"},":two":{"N":"2"}},"ProjectionExpression":"x")";
    if (!esk.empty()) body += R"(,"ExclusiveStartKey":)" + esk;
    body += "}";
    Response r = Call("Query", body);
    ASSERT_EQ(r.status, 200) << r.body;
    JsonDocument d;
    d.Parse(r.body.c_str());
    EXPECT_LE(d["ScannedCount"].GetInt(), 4);
    for (const auto& item : d["Items"].GetArray()) seen.emplace_back(item["x"]["N"].GetString());
    if (!d.HasMember("LastEvaluatedKey")) break;
    JsonWriter w;
    d["LastEvaluatedKey"].Accept(w);
    esk = w.Take();
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"2", "3", "4", "5", "6", "7", "8", "9"}));
}

TEST_F(QueryScanTest, GlobalIndexSparseKeysOnlyAndConsistentReadError) {
  Response r = Call("Query", R"({"TableName":"tbl","IndexName":"byG","KeyConditionExpression":"g = :e AND g2 > :n",
      "ExpressionAttributeValues":{":e":{"S":"even"},":n":{"N":"94"}}})");
  EXPECT_EQ(r.body, R"({"Items":[{"g":{"S":"even"},"g2":{"N":"96"},"pk":{"S":"p"},"sk":{"N":"1"}},)"
                    R"({"g":{"S":"even"},"g2":{"N":"98"},"pk":{"S":"p"},"sk":{"N":"-1"}},)"
                    R"({"g":{"S":"even"},"g2":{"N":"100"},"pk":{"S":"p"},"sk":{"N":"-3"}}],"Count":3,"ScannedCount":3})");
  r = Call("Query", R"({"TableName":"tbl","IndexName":"byG","ConsistentRead":true,"KeyConditionExpression":"g = :e",
      "ExpressionAttributeValues":{":e":{"S":"even"}}})");
  EXPECT_EQ(r.body, R"({"__type":"com.amazon.coral.validate#ValidationException","message":"Consistent reads are not supported on global secondary indexes"})");
  // Updating the index key moves the entry; removing it drops the item from the (sparse) index.
  ASSERT_EQ(Call("UpdateItem", R"({"TableName":"tbl","Key":{"pk":{"S":"p"},"sk":{"N":"-3"}},"UpdateExpression":"REMOVE g"})").status, 200);
  ASSERT_EQ(Call("UpdateItem", R"({"TableName":"tbl","Key":{"pk":{"S":"p"},"sk":{"N":"-1"}},"UpdateExpression":"SET g2 = :v",
      "ExpressionAttributeValues":{":v":{"N":"1"}}})").status, 200);
  r = Call("Query", R"({"TableName":"tbl","IndexName":"byG","KeyConditionExpression":"g = :e","Select":"COUNT",
      "ExpressionAttributeValues":{":e":{"S":"even"}}})");
  EXPECT_EQ(r.body, R"({"Count":4,"ScannedCount":4})");
  r = Call("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"z"},"sk":{"N":"1"},"g":{"N":"5"}}})");
  EXPECT_EQ(r.body, R"({"__type":"com.amazon.coral.validate#ValidationException","message":"One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG"})");
}

TEST_F(QueryScanTest, MultiAttributeKeysAndLocalIndexFetch) {
  Response r = Call("Query", R"({"TableName":"tbl","IndexName":"multi",
      "KeyConditionExpression":"g = :e AND pk = :p AND g2 = :g2 AND sk >= :s",
      "ExpressionAttributeValues":{":e":{"S":"even"},":p":{"S":"p"},":g2":{"N":"96"},":s":{"N":"0"}},"ProjectionExpression":"x"})");
  EXPECT_EQ(r.body, R"({"Items":[{"x":{"N":"4"}}],"Count":1,"ScannedCount":1})");
  r = Call("Query", R"({"TableName":"tbl","IndexName":"multi","KeyConditionExpression":"g = :e AND g2 = :g2",
      "ExpressionAttributeValues":{":e":{"S":"even"},":g2":{"N":"96"}}})");
  EXPECT_EQ(r.body, R"({"__type":"com.amazon.coral.validate#ValidationException","message":"Query condition missed key schema element: pk"})");
  // The LSI projects x only; y comes from the table.
  r = Call("Query", R"J({"TableName":"tbl","IndexName":"byL","KeyConditionExpression":"pk = :p AND begins_with(l, :l)",
      "ExpressionAttributeValues":{":p":{"S":"p"},":l":{"S":"l"}},"ProjectionExpression":"l, y"})J");
  EXPECT_EQ(r.body, R"({"Items":[{"l":{"S":"l7"},"y":{"S":"y2"}},{"l":{"S":"l8"},"y":{"S":"y1"}},{"l":{"S":"l9"},"y":{"S":"y0"}}],"Count":3,"ScannedCount":3})");
}

TEST_F(QueryScanTest, ParallelScanSegmentsCoverEveryItemOnce) {
  for (int total : {1, 2, 3, 7}) {
    std::multiset<std::string> keys;
    for (int segment = 0; segment < total; ++segment) {
      Response r = Call("Scan", R"({"TableName":"tbl","ProjectionExpression":"pk, sk","Segment":)" + std::to_string(segment) +
                                     R"(,"TotalSegments":)" + std::to_string(total) + "}");
      ASSERT_EQ(r.status, 200) << r.body;
      JsonDocument d;
      d.Parse(r.body.c_str());
      for (const auto& item : d["Items"].GetArray())
        keys.insert(std::string(item["pk"]["S"].GetString()) + "/" + item["sk"]["N"].GetString());
    }
    EXPECT_EQ(keys.size(), 11u) << total;
    EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), 11u) << total;
  }
  Response r = Call("Scan", R"({"TableName":"tbl","Segment":2,"TotalSegments":2})");
  EXPECT_EQ(r.body, R"({"__type":"com.amazon.coral.validate#ValidationException","message":"The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2"})");
}

TEST_F(QueryScanTest, KeyConditionErrors) {
  auto message = [&](const char* condition, const char* values = R"({":p":{"S":"p"},":n":{"N":"1"}})") {
    Response r = Call("Query", std::string(R"({"TableName":"tbl","KeyConditionExpression":")") + condition +
                                   R"(","ExpressionAttributeValues":)" + values + "}");
    JsonDocument d;
    d.Parse(r.body.c_str());
    return std::string(d["message"].GetString());
  };
  EXPECT_EQ(message("pk = :p OR sk = :n"), "Invalid operator used in KeyConditionExpression: OR");
  EXPECT_EQ(message("sk = :n", R"({":n":{"N":"1"}})"), "Query condition missed key schema element: pk");
  EXPECT_EQ(message("pk = :p AND x = :n"), "Query condition missed key schema element: sk");
  EXPECT_EQ(message("pk = :p AND sk > :n AND sk < :n"), "KeyConditionExpressions must only contain one condition per key");
  EXPECT_EQ(message("pk > :p AND sk = :n"), "Query key condition not supported");
  EXPECT_EQ(message("pk = :p AND sk = :p", R"({":p":{"S":"p"}})"),
            "One or more parameter values were invalid: Condition parameter type does not match schema type");
}

}  // namespace
}  // namespace dodb
