// DynamoDB Streams: StreamSpecification on CreateTable/UpdateTable, the records every kind of
// write appends (and the writes that append none), the Streams operations, iterator expiry,
// Time to Live deletions as service records, and 24-hour retention.
#include <gtest/gtest.h>

#include "engine.h"
#include "storage/memory_store.h"
#include "rapidjson/document.h"
#include "storage/stream_log.h"

namespace dodb {
namespace {

constexpr const char* kValidation = R"({"__type":"com.amazon.coral.validate#ValidationException","message":")";

class StreamsTest : public ::testing::Test {
 protected:
  Response Call(std::string_view op, std::string_view body) { return engine_.Handle(op, body); }
  void Ok(std::string_view op, std::string_view body) {
    Response r = Call(op, body);
    ASSERT_EQ(r.status, 200) << op << ": " << r.body;
  }
  void CreateTable(const std::string& name, const std::string& stream_spec) {
    Ok("CreateTable", R"({"TableName":")" + name + R"(","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}])" +
                              (stream_spec.empty() ? "" : ",\"StreamSpecification\":" + stream_spec) + "}");
  }
  std::string StreamArn(const std::string& table) {
    rapidjson::Document d;
    d.Parse(Call("DescribeTable", R"({"TableName":")" + table + "\"}").body.c_str());
    return d["Table"]["LatestStreamArn"].GetString();
  }
  std::string ShardId(const std::string& arn) {
    rapidjson::Document d;
    d.Parse(Call("DynamoDBStreams.DescribeStream", R"({"StreamArn":")" + arn + "\"}").body.c_str());
    return d["StreamDescription"]["Shards"][0]["ShardId"].GetString();
  }
  std::string Iterator(const std::string& arn, const std::string& type, const std::string& seq = "") {
    Response r = Call("DynamoDBStreams.GetShardIterator", R"({"StreamArn":")" + arn + R"(","ShardId":")" + ShardId(arn) +
                                                              R"(","ShardIteratorType":")" + type + "\"" +
                                                              (seq.empty() ? "" : R"(,"SequenceNumber":")" + seq + "\"") + "}");
    rapidjson::Document d;
    d.Parse(r.body.c_str());
    return d.HasMember("ShardIterator") ? d["ShardIterator"].GetString() : r.body;
  }
  // Every record from TRIM_HORIZON, following NextShardIterator with the given page size.
  std::vector<std::string> ReadAll(const std::string& arn, int limit, bool* closed = nullptr) {
    std::vector<std::string> out;
    std::string it = Iterator(arn, "TRIM_HORIZON");
    for (int pages = 0; pages < 100; ++pages) {
      Response r = Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + it + R"(","Limit":)" + std::to_string(limit) + "}");
      EXPECT_EQ(r.status, 200) << r.body;
      rapidjson::Document d;
      d.Parse(r.body.c_str());
      for (const auto& rec : d["Records"].GetArray()) {
        std::string line = std::string(rec["eventName"].GetString()) + " " + rec["dynamodb"]["Keys"]["pk"]["S"].GetString();
        if (rec["dynamodb"].HasMember("NewImage") && rec["dynamodb"]["NewImage"].HasMember("v"))
          line += " new=" + std::string(rec["dynamodb"]["NewImage"]["v"]["S"].GetString());
        if (rec["dynamodb"].HasMember("OldImage") && rec["dynamodb"]["OldImage"].HasMember("v"))
          line += " old=" + std::string(rec["dynamodb"]["OldImage"]["v"]["S"].GetString());
        if (rec.HasMember("userIdentity")) line += " ttl";
        out.push_back(line);
      }
      if (!d.HasMember("NextShardIterator")) {
        if (closed) *closed = true;
        return out;
      }
      if (d["Records"].Empty()) break;
      it = d["NextShardIterator"].GetString();
    }
    if (closed) *closed = false;
    return out;
  }
  static std::string Put(const std::string& table, const std::string& pk, const std::string& v) {
    return R"({"TableName":")" + table + R"(","Item":{"pk":{"S":")" + pk + R"("},"sk":{"N":"1"},"v":{"S":")" + v + "\"}}}";
  }
  static std::string Key(const std::string& table, const std::string& pk) {
    return R"({"TableName":")" + table + R"(","Key":{"pk":{"S":")" + pk + R"("},"sk":{"N":"1"}}})";
  }
  MemoryStore store_;
  Engine engine_{store_};
};

TEST_F(StreamsTest, TableDescriptionShowsTheStream) {
  store_.set_now_ms(1763781678123.0);  // 2025-11-22T03:21:18.123Z
  CreateTable("tbl", R"({"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"})");
  std::string body = Call("DescribeTable", R"({"TableName":"tbl"})").body;
  EXPECT_NE(body.find(R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},)"
                      R"("LatestStreamLabel":"2025-11-22T03:21:18.123",)"
                      R"("LatestStreamArn":"arn:aws:dynamodb:ddblocal:000000000000:table/tbl/stream/2025-11-22T03:21:18.123")"),
            std::string::npos)
      << body;
  // Disabled: no StreamSpecification, the latest stream is still named.
  Ok("UpdateTable", R"({"TableName":"tbl","StreamSpecification":{"StreamEnabled":false}})");
  body = Call("DescribeTable", R"({"TableName":"tbl"})").body;
  EXPECT_EQ(body.find("StreamSpecification"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("LatestStreamLabel":"2025-11-22T03:21:18.123")"), std::string::npos) << body;
  // Enabled again in the same millisecond: a new stream with a label of its own.
  Ok("UpdateTable", R"({"TableName":"tbl","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})");
  body = Call("DescribeTable", R"({"TableName":"tbl"})").body;
  EXPECT_NE(body.find(R"("LatestStreamLabel":"2025-11-22T03:21:18.124")"), std::string::npos) << body;
  body = Call("DynamoDBStreams.ListStreams", R"({"TableName":"tbl"})").body;
  EXPECT_NE(body.find("stream/2025-11-22T03:21:18.123"), std::string::npos) << body;
  EXPECT_NE(body.find("stream/2025-11-22T03:21:18.124"), std::string::npos) << body;
}

TEST_F(StreamsTest, SpecificationErrors) {
  EXPECT_EQ(Call("CreateTable", R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "StreamSpecification":{"StreamEnabled":true}})").body,
            std::string(kValidation) + "One or more parameter values were invalid: Table is being created with a stream "
                                       "enabled, UpdateViewType is required\"}");
  EXPECT_EQ(Call("CreateTable", R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "StreamSpecification":{"StreamEnabled":false,"StreamViewType":"KEYS_ONLY"}})").body,
            std::string(kValidation) + "One or more parameter values were invalid: Table is being created with a stream "
                                       "disabled, UpdateViewType should not be specified\"}");
  CreateTable("tbl", "");
  EXPECT_EQ(Call("UpdateTable", R"({"TableName":"tbl","StreamSpecification":{"StreamEnabled":false}})").body,
            std::string(kValidation) + "Table has no stream to disable: TableName: tbl\"}");
  EXPECT_EQ(Call("UpdateTable", R"({"TableName":"tbl","StreamSpecification":{"StreamEnabled":true}})").body,
            std::string(kValidation) + "One or more parameter values were invalid: If stream is being enabled then "
                                       "UpdateViewType is required\"}");
  Ok("UpdateTable", R"({"TableName":"tbl","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})");
  EXPECT_EQ(Call("UpdateTable", R"({"TableName":"tbl","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})").body,
            std::string(kValidation) + "Table already has an enabled stream: TableName: tbl\"}");
  EXPECT_EQ(Call("UpdateTable", R"({"TableName":"tbl","StreamSpecification":{"StreamEnabled":false,"StreamViewType":"KEYS_ONLY"}})").body,
            std::string(kValidation) + "One or more parameter values were invalid: If stream is being disabled, then "
                                       "UpdateViewType must not be specified\"}");
}

TEST_F(StreamsTest, EveryWritePathAppendsInOrderAndNoOpWritesAppendNothing) {
  CreateTable("tbl", R"({"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"})");
  CreateTable("plain", "");
  Ok("PutItem", Put("tbl", "a", "1"));
  Ok("PutItem", Put("tbl", "a", "1"));  // changes nothing: no record
  Ok("PutItem", Put("plain", "x", "1"));  // another table, no stream
  Ok("UpdateItem", Key("tbl", "a").substr(0, Key("tbl", "a").size() - 1) +
                       R"(,"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"S":"2"}}})");
  Ok("UpdateItem", Key("tbl", "a").substr(0, Key("tbl", "a").size() - 1) +
                       R"(,"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"S":"2"}}})");  // no change
  Ok("DeleteItem", Key("tbl", "missing"));  // deletes nothing: no record
  Ok("UpdateItem", Key("tbl", "missing").substr(0, Key("tbl", "missing").size() - 1) +
                       R"(,"UpdateExpression":"REMOVE v"})");  // creates nothing: no record
  Ok("BatchWriteItem", R"({"RequestItems":{"tbl":[{"PutRequest":{"Item":{"pk":{"S":"b"},"sk":{"N":"1"},"v":{"S":"3"}}}},
                                                {"DeleteRequest":{"Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}}]}})");
  Ok("TransactWriteItems", R"({"TransactItems":[{"Put":{"TableName":"tbl","Item":{"pk":{"S":"c"},"sk":{"N":"1"},"v":{"S":"4"}}}},
      {"Update":{"TableName":"tbl","Key":{"pk":{"S":"b"},"sk":{"N":"1"}},"UpdateExpression":"SET v = :v",
                 "ExpressionAttributeValues":{":v":{"S":"5"}}}}]})");
  // A cancelled transaction and a failed condition write nothing.
  EXPECT_EQ(Call("TransactWriteItems", R"J({"TransactItems":[{"Put":{"TableName":"tbl","Item":{"pk":{"S":"d"},"sk":{"N":"1"}}}},
      {"ConditionCheck":{"TableName":"tbl","Key":{"pk":{"S":"zz"},"sk":{"N":"1"}},"ConditionExpression":"attribute_exists(pk)"}}]})J").status, 400);
  EXPECT_EQ(Call("PutItem", R"J({"TableName":"tbl","Item":{"pk":{"S":"c"},"sk":{"N":"1"}},"ConditionExpression":"attribute_not_exists(pk)"})J").status, 400);
  std::vector<std::string> expected = {"INSERT a new=1",         "MODIFY a new=2 old=1", "INSERT b new=3", "REMOVE a old=2",
                                       "INSERT c new=4",         "MODIFY b new=5 old=3"};
  EXPECT_EQ(ReadAll(StreamArn("tbl"), 1000), expected);
  EXPECT_EQ(ReadAll(StreamArn("tbl"), 1), expected);  // page by page: same records, once each
}

TEST_F(StreamsTest, ViewTypesAndRecordFields) {
  for (const char* view : {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"}) {
    std::string table = std::string("v_") + view;
    CreateTable(table, std::string(R"({"StreamEnabled":true,"StreamViewType":")") + view + "\"}");
    Ok("PutItem", Put(table, "a", "1"));
    Ok("PutItem", Put(table, "a", "2"));
    Response r = Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + Iterator(StreamArn(table), "TRIM_HORIZON") + "\"}");
    rapidjson::Document d;
    d.Parse(r.body.c_str());
    ASSERT_EQ(d["Records"].Size(), 2u) << r.body;
    const auto& modify = d["Records"][1];
    EXPECT_STREQ(modify["eventName"].GetString(), "MODIFY");
    EXPECT_STREQ(modify["eventVersion"].GetString(), "1.1");
    EXPECT_STREQ(modify["eventSource"].GetString(), "aws:dynamodb");
    EXPECT_STREQ(modify["awsRegion"].GetString(), "ddblocal");
    EXPECT_EQ(std::string(modify["eventID"].GetString()).size(), 32u);
    const auto& ddb = modify["dynamodb"];
    EXPECT_STREQ(ddb["StreamViewType"].GetString(), view);
    EXPECT_EQ(ddb["Keys"].MemberCount(), 2u);
    EXPECT_EQ(std::string(ddb["SequenceNumber"].GetString()).size(), 21u);
    EXPECT_EQ(ddb["ApproximateCreationDateTime"].GetInt64(), 1700000000);
    bool new_image = std::string(view).find("NEW") != std::string::npos;
    bool old_image = std::string(view).find("OLD") != std::string::npos;
    EXPECT_EQ(ddb.HasMember("NewImage"), new_image);
    EXPECT_EQ(ddb.HasMember("OldImage"), old_image);
    // DynamoDB item sizes: the keys (pk "a": 2 + 1, sk 1: 2 + 2) plus each image (keys + v "1": 1 + 1).
    EXPECT_EQ(ddb["SizeBytes"].GetInt(), 7 + (new_image ? 9 : 0) + (old_image ? 9 : 0));
  }
}

TEST_F(StreamsTest, IteratorsSequenceNumbersAndClosedShard) {
  CreateTable("tbl", R"({"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"})");
  std::string arn = StreamArn("tbl");
  std::string latest = Iterator(arn, "LATEST");
  for (const char* pk : {"a", "b", "c"}) Ok("PutItem", Put("tbl", pk, "1"));
  Response r = Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + latest + "\"}");
  rapidjson::Document d;
  d.Parse(r.body.c_str());
  ASSERT_EQ(d["Records"].Size(), 3u) << r.body;
  std::string second = d["Records"][1]["dynamodb"]["SequenceNumber"].GetString();
  EXPECT_LT(std::string(d["Records"][0]["dynamodb"]["SequenceNumber"].GetString()), second);
  auto first_key = [&](const std::string& it) {
    rapidjson::Document page;
    page.Parse(Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + it + R"(","Limit":1})").body.c_str());
    return page["Records"].Empty() ? std::string("none") : std::string(page["Records"][0]["dynamodb"]["Keys"]["pk"]["S"].GetString());
  };
  EXPECT_EQ(first_key(Iterator(arn, "AT_SEQUENCE_NUMBER", second)), "b");
  EXPECT_EQ(first_key(Iterator(arn, "AFTER_SEQUENCE_NUMBER", second)), "c");
  EXPECT_EQ(first_key(Iterator(arn, "LATEST")), "none");

  // Disabled: the shard is closed, still readable, and a reader reaching its end gets no next iterator.
  Ok("UpdateTable", R"({"TableName":"tbl","StreamSpecification":{"StreamEnabled":false}})");
  Ok("PutItem", Put("tbl", "d", "1"));  // not recorded: the stream is disabled
  std::string desc = Call("DynamoDBStreams.DescribeStream", R"({"StreamArn":")" + arn + "\"}").body;
  EXPECT_NE(desc.find(R"("StreamStatus":"DISABLED")"), std::string::npos) << desc;
  EXPECT_NE(desc.find("EndingSequenceNumber"), std::string::npos) << desc;
  bool closed = false;
  EXPECT_EQ(ReadAll(arn, 2, &closed), (std::vector<std::string>{"INSERT a", "INSERT b", "INSERT c"}));
  EXPECT_TRUE(closed);
}

TEST_F(StreamsTest, StreamsApiErrors) {
  CreateTable("tbl", R"({"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"})");
  std::string arn = StreamArn("tbl");
  std::string missing = "arn:aws:dynamodb:ddblocal:000000000000:table/tbl/stream/2000-01-01T00:00:00.000";
  EXPECT_EQ(Call("DynamoDBStreams.DescribeStream", R"({"StreamArn":")" + missing + "\"}").body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Stream: )" +
                missing + " not found\"}");
  EXPECT_EQ(Call("DynamoDBStreams.DescribeStream", R"({"StreamArn":"sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf"})").body,
            std::string(kValidation) + "Invalid StreamArn\"}");
  EXPECT_EQ(Call("DynamoDBStreams.GetShardIterator", R"({"StreamArn":")" + arn +
                                                         R"(","ShardId":"shardId-00000000000000000000-00000000","ShardIteratorType":"LATEST"})").status,
            400);
  EXPECT_NE(Call("DynamoDBStreams.GetShardIterator", R"({"StreamArn":")" + arn + R"(","ShardId":")" + ShardId(arn) +
                                                         R"(","ShardIteratorType":"AT_SEQUENCE_NUMBER"})").body.find("ValidationException"),
            std::string::npos);
  EXPECT_EQ(Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":"x","Limit":1001})").body,
            std::string(kValidation) +
                "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value "
                "less than or equal to 1000\"}");
  EXPECT_EQ(Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":"sdfsdfsgagaddafgagasgasgasdfasdfasdf"})").body,
            std::string(kValidation) + "Invalid ShardIterator\"}");
  // A DynamoDB target cannot reach Streams operations, nor the other way round.
  EXPECT_EQ(Call("GetRecords", "{}").body, R"({"__type":"com.amazon.coral.service#UnknownOperationException"})");
  EXPECT_EQ(Call("DynamoDBStreams.PutItem", "{}").body, R"({"__type":"com.amazon.coral.service#UnknownOperationException"})");
}

TEST_F(StreamsTest, IteratorsExpireAfterFifteenMinutes) {
  CreateTable("tbl", R"({"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"})");
  std::string it = Iterator(StreamArn("tbl"), "TRIM_HORIZON");
  store_.set_now_ms(1700000000000.0 + 15 * 60 * 1000);
  EXPECT_EQ(Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + it + "\"}").status, 200);
  store_.set_now_ms(1700000000000.0 + 15 * 60 * 1000 + 1);
  EXPECT_EQ(Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + it + "\"}").body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ExpiredIteratorException","message":"Iterator expired. )"
            R"(The iterator was created at time Tue Nov 14 22:13:20 UTC 2023 while right now it is Tue Nov 14 22:28:20 UTC )"
            R"(2023 which is further in the future than the tolerated delay of 900000 milliseconds."})");
}

TEST_F(StreamsTest, TimeToLiveDeletionsAreServiceRecords) {
  CreateTable("tbl", R"({"StreamEnabled":true,"StreamViewType":"OLD_IMAGE"})");
  Ok("UpdateTimeToLive", R"({"TableName":"tbl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})");
  Ok("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"old"},"sk":{"N":"1"},"v":{"S":"x"},"exp":{"N":"1699999999"}}})");
  Ok("PutItem", R"({"TableName":"tbl","Item":{"pk":{"S":"new"},"sk":{"N":"1"},"exp":{"N":"1800000000"}}})");
  while (Call("@Maintain", R"({"Budget":100})").body.find(R"("More":true)") != std::string::npos) {
  }
  EXPECT_EQ(ReadAll(StreamArn("tbl"), 100), (std::vector<std::string>{"INSERT old", "INSERT new", "REMOVE old old=x ttl"}));
}

TEST_F(StreamsTest, RecordsAreTrimmedAfterTwentyFourHoursAndDisabledStreamsDropped) {
  CreateTable("tbl", R"({"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"})");
  std::string arn = StreamArn("tbl");
  Ok("PutItem", Put("tbl", "a", "1"));
  std::string at_a = Iterator(arn, "TRIM_HORIZON");
  double t0 = 1700000000000.0;
  store_.set_now_ms(t0 + 3600 * 1000);
  Ok("PutItem", Put("tbl", "b", "1"));
  Response step = Call("@Maintain", R"({"Budget":100})");
  EXPECT_NE(step.body.find(R"("NextMs":)" + std::to_string(static_cast<int64_t>(t0 / 1000) * 1000 + 24 * 3600 * 1000)),
            std::string::npos)
      << step.body;
  store_.set_now_ms(t0 + 24 * 3600 * 1000 + 1000);
  Call("@Maintain", R"({"Budget":100})");
  EXPECT_EQ(ReadAll(arn, 10), (std::vector<std::string>{"INSERT b"}));
  // An iterator pointing at a trimmed record: TrimmedDataAccessException (TRIM_HORIZON ones move on).
  rapidjson::Document d;
  d.Parse(Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + Iterator(arn, "TRIM_HORIZON") + "\"}").body.c_str());
  EXPECT_EQ(d["Records"].Size(), 1u);
  (void)at_a;
  Ok("DeleteTable", R"({"TableName":"tbl"})");
  // A deleted table's stream stays listed and readable for 24 hours, then goes.
  EXPECT_NE(Call("DynamoDBStreams.ListStreams", "{}").body.find(arn), std::string::npos);
  EXPECT_EQ(ReadAll(arn, 10), (std::vector<std::string>{"INSERT b"}));
  store_.set_now_ms(t0 + 49 * 3600 * 1000);
  while (Call("@Maintain", R"({"Budget":1})").body.find(R"("More":true)") != std::string::npos) {
  }
  EXPECT_EQ(Call("DynamoDBStreams.ListStreams", "{}").body, R"({"Streams":[]})");
  for (const auto& [key, value] : store_.entries()) EXPECT_TRUE(key[0] != '\x04' && key[0] != '\x05') << "stream data left";
}

TEST_F(StreamsTest, TrimmedSequenceNumbers) {
  CreateTable("tbl", R"({"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"})");
  std::string arn = StreamArn("tbl");
  Ok("PutItem", Put("tbl", "a", "1"));
  Ok("PutItem", Put("tbl", "b", "1"));
  rapidjson::Document d;
  d.Parse(Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + Iterator(arn, "TRIM_HORIZON") + "\"}").body.c_str());
  std::string first = d["Records"][0]["dynamodb"]["SequenceNumber"].GetString();
  std::string at_first = Iterator(arn, "AT_SEQUENCE_NUMBER", first);
  store_.set_now_ms(1700000000000.0 + 24 * 3600 * 1000 + 1000);
  Call("@Maintain", R"({"Budget":100})");
  const std::string trimmed =
      R"({"__type":"com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException","message":"The data you are trying to access has been trimmed."})";
  EXPECT_EQ(Iterator(arn, "AT_SEQUENCE_NUMBER", first), trimmed);
  store_.set_now_ms(1700000000000.0 + 60 * 1000);  // the old iterator would not be expired yet
  EXPECT_EQ(Call("DynamoDBStreams.GetRecords", R"({"ShardIterator":")" + at_first + "\"}").body, trimmed);
}

TEST(StreamLogFormat, LabelsAndDates) {
  EXPECT_EQ(IsoLabel(0), "1970-01-01T00:00:00.000");
  EXPECT_EQ(IsoLabel(1763781678123.0), "2025-11-22T03:21:18.123");
  EXPECT_EQ(IsoLabel(951782400000.0), "2000-02-29T00:00:00.000");
  EXPECT_EQ(JavaDateText(1700000000000.0), "Tue Nov 14 22:13:20 UTC 2023");
  EXPECT_EQ(FormatSequenceNumber(42), "000000000000000000042");
  uint64_t seq = 0;
  EXPECT_TRUE(ParseSequenceNumber("000000000000000000042", &seq));
  EXPECT_EQ(seq, 42u);
  EXPECT_FALSE(ParseSequenceNumber("00000000000000000004x", &seq));
  ShardIterator it{"arn:aws:dynamodb:ddblocal:000000000000:table/tbl/stream/2025-11-22T03:21:18.123", "shardId-1", 7, 1234};
  std::string text = EncodeShardIterator(it);
  ShardIterator back;
  ASSERT_TRUE(DecodeShardIterator(text, &back));
  EXPECT_EQ(back.stream_arn, it.stream_arn);
  EXPECT_EQ(back.shard_id, it.shard_id);
  EXPECT_EQ(back.position, 7u);
  EXPECT_EQ(back.issued_ms, 1234);
  text[text.size() - 20] = '9';  // altered position
  EXPECT_FALSE(DecodeShardIterator(text, &back));
}

}  // namespace
}  // namespace dodb
