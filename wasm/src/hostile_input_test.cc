// Regression tests for what the hostile-input corpus (tests/hostile/corpus.ts) found when it ran
// through every front door: requests that trapped the engine, and error messages that differed
// from DynamoDB's. Each test is named after the corpus case.
#include <gtest/gtest.h>

#include <string>
#include <type_traits>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(engine_.Handle("CreateTable", R"({"TableName":"items","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})").status, 200);
    ASSERT_EQ(engine_.Handle("PutItem", R"({"TableName":"items","Item":{"pk":{"S":"a"}}})").status, 200);
    before_ = store_.entries();
  }
  // The request must fail with a 400 of this type and leave the store unchanged.
  void ExpectRefused(const char* op, const std::string& body, const std::string& type, const std::string& message_part = "") {
    Response r = engine_.Handle(op, body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("#" + type + "\""), std::string::npos) << r.body;
    if (!message_part.empty()) EXPECT_NE(r.body.find(message_part), std::string::npos) << r.body;
    EXPECT_EQ(store_.entries(), before_);
  }
  MemoryStore store_;
  Engine engine_{store_};
  std::remove_cvref_t<decltype(store_.entries())> before_;
};

// "ProvisionedThroughput of 2^63": a JSON integer above INT64_MAX reached GetInt64(), whose
// RapidJSON assert is a trap (the client saw a 500 InternalServerError).
TEST_F(HostileInput, ProvisionedThroughputAboveInt64DoesNotTrap) {
  ExpectRefused("CreateTable", R"({"TableName":"never","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "ProvisionedThroughput":{"ReadCapacityUnits":9223372036854775808,"WriteCapacityUnits":1}})",
                "ValidationException", "for ReadCapacityUnits is out of bounds");
  ExpectRefused("UpdateTable", R"({"TableName":"items","BillingMode":"PROVISIONED",
      "ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":18446744073709551615}})",
                "ValidationException", "Given value 9223372036854775807 for WriteCapacityUnits is out of bounds");
}

// ...and UpdateTable had no upper bound at all: WriteCapacityUnits 2^64-1 was stored as INT64_MAX
// (found by the LSan build of this test; the bound is CreateTable's, dynalite validations/updateTable.js).

// The same for a decimal (GetInt64 asserts on a double too): floored, as dynalite does.
TEST_F(HostileInput, DecimalCapacityIsFlooredNotATrap) {
  Response r = engine_.Handle("CreateTable", R"({"TableName":"dec","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "ProvisionedThroughput":{"ReadCapacityUnits":2.7,"WriteCapacityUnits":1.5}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("ReadCapacityUnits":2)"), std::string::npos) << r.body;
}

// UpdateContinuousBackups RecoveryPeriodInDays 7.5 passed validation (1..35) and reached GetInt64.
TEST_F(HostileInput, DecimalRecoveryPeriodIsFlooredNotATrap) {
  Response r = engine_.Handle("UpdateContinuousBackups", R"({"TableName":"items",
      "PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true,"RecoveryPeriodInDays":7.5}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("RecoveryPeriodInDays":7)"), std::string::npos) << r.body;
}

// ListStreams / GetRecords read Limit with GetInt(), which asserts (a trap) on a decimal that
// passed validation.
TEST_F(HostileInput, DecimalStreamsLimitIsFlooredNotATrap) {
  Response r = engine_.Handle("DynamoDBStreams.ListStreams", R"({"Limit":2.5})");
  EXPECT_EQ(r.status, 200) << r.body;
}

// json_fuzzer found it: RapidJSON ends its input at a NUL byte, so "{}" + NUL + anything parsed
// as "{}". JSON has no raw NUL anywhere; the body is not JSON.
TEST_F(HostileInput, RawNulByteMakesTheBodyNotJson) {
  Response r = engine_.Handle("ListTables", std::string("{}\0garbage", 10));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"__type":"com.amazon.coral.service#SerializationException"})");
  r = engine_.Handle("ListTables", std::string("{\"Limit\":1}\0", 12));
  EXPECT_EQ(r.status, 400) << r.body;
}

// Segment/TotalSegments and Limit given as decimals or huge values.
TEST_F(HostileInput, ScanSegmentsAndLimitsOfAnyNumericShape) {
  ExpectRefused("Scan", R"({"TableName":"items","Segment":2.5,"TotalSegments":2})", "ValidationException",
                "Segment: 2 is not less than TotalSegments: 2");
  ExpectRefused("Scan", R"({"TableName":"items","Segment":0,"TotalSegments":9223372036854775808})", "ValidationException");
  Response r = engine_.Handle("Scan", R"({"TableName":"items","Limit":1e30})");
  EXPECT_EQ(r.status, 200) << r.body;
  r = engine_.Handle("Query", R"({"TableName":"items","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"a"}},"Limit":18446744073709551615})");
  EXPECT_EQ(r.status, 200) << r.body;
  r = engine_.Handle("Scan", R"({"TableName":"items","Limit":1.9})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("Count":1)"), std::string::npos) << r.body;
}

// "BatchGetItem/BatchWriteItem RequestItems (Map) given a list": coral names the map's type
// (dynalite validations/index.js, 'Map' case; asserted against DynamoDB by its test/helpers.js).
TEST_F(HostileInput, BatchRequestItemsGivenAListNamesTheMapType) {
  ExpectRefused("BatchGetItem", R"({"RequestItems":[]})", "SerializationException",
                "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.KeysAndAttributes>");
  ExpectRefused("BatchWriteItem", R"({"RequestItems":[]})", "SerializationException",
                "Unrecognized collection type java.util.Map<java.lang.String, java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>>");
}

// "range key over 1024 bytes in ExclusiveStartKey": the start key's sizes went unchecked.
TEST_F(HostileInput, OversizeExclusiveStartKeyGetsTheKeySizeErrors) {
  ASSERT_EQ(engine_.Handle("CreateTable", R"({"TableName":"strs","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})").status, 200);
  before_ = store_.entries();
  std::string long_sk(1025, 'x'), long_pk(2049, 'x');
  ExpectRefused("Query", R"({"TableName":"strs","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}},
      "ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"S":")" + long_sk + R"("}}})",
                "ValidationException", "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  ExpectRefused("Scan", R"({"TableName":"items","ExclusiveStartKey":{"pk":{"S":")" + long_pk + R"("}}})",
                "ValidationException", "Size of hashkey has exceeded the maximum size limit of2048 bytes");
}

}  // namespace
}  // namespace dodb
