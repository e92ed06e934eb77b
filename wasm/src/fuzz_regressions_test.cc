// Regression tests for what the libFuzzer targets (fuzz/) found, one test per finding, each
// named after the target that found it.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "format/attribute_value.h"
#include "engine.h"
#include "format/item_codec.h"
#include "format/key_codec.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

std::string KeyOf(const AttributeValue& hash, const AttributeValue& range) {
  std::string k;
  AppendKeyValue(hash, &k);
  AppendKeyValue(range, &k);
  return k;
}

// key_codec_fuzzer: with a bare 0x00 terminator, B hash "a" + range "\xFF\0" and hash "a\0" +
// range "\xFF" had the same storage key, and the first read back as hash "a\0".
TEST(FuzzRegressions, KeyCodecCompositeBinaryKeysDoNotCollide) {
  using std::string_literals::operator""s;
  AttributeValue a = AttributeValue::Scalar(ValueType::B, "a");
  AttributeValue a0 = AttributeValue::Scalar(ValueType::B, "a\0"s);
  AttributeValue ff = AttributeValue::Scalar(ValueType::B, "\xFF");
  AttributeValue ff0 = AttributeValue::Scalar(ValueType::B, "\xFF\0"s);
  std::string k1 = KeyOf(a, ff0), k2 = KeyOf(a0, ff);
  EXPECT_NE(k1, k2);
  EXPECT_LT(k1, k2);  // hash "a" < "a\0"

  std::string key = KeyOf(a, ff);
  std::string_view in = key;
  AttributeValue h, r;
  ASSERT_TRUE(ReadKeyValue(ValueType::B, &in, &h));
  ASSERT_TRUE(ReadKeyValue(ValueType::B, &in, &r));
  EXPECT_EQ(h, a);
  EXPECT_EQ(r, ff);
  EXPECT_TRUE(in.empty());
}

TEST(FuzzRegressions, EngineKeepsBothItemsWhoseBinaryKeysUsedToCollide) {
  MemoryStore store;
  Engine engine(store);
  ASSERT_EQ(engine.Handle("CreateTable", R"({"TableName":"bins","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"h","AttributeType":"B"},{"AttributeName":"r","AttributeType":"B"}],
      "KeySchema":[{"AttributeName":"h","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}]})").status, 200);
  // h "a" r "\xFF\0" (YQ== /wA=) and h "a\0" r "\xFF" (YQA= /w==).
  ASSERT_EQ(engine.Handle("PutItem", R"({"TableName":"bins","Item":{"h":{"B":"YQ=="},"r":{"B":"/wA="},"v":{"S":"one"}}})").status, 200);
  ASSERT_EQ(engine.Handle("PutItem", R"({"TableName":"bins","Item":{"h":{"B":"YQA="},"r":{"B":"/w=="},"v":{"S":"two"}}})").status, 200);
  Response r = engine.Handle("GetItem", R"({"TableName":"bins","Key":{"h":{"B":"YQ=="},"r":{"B":"/wA="}}})");
  EXPECT_EQ(r.body, R"({"Item":{"h":{"B":"YQ=="},"r":{"B":"/wA="},"v":{"S":"one"}}})");
}

// item_codec_fuzzer: DecodeItem accepted attributes out of name order (breaking FindAttribute's
// binary search), BOOL bytes other than 0/1 and overlong varints.
TEST(FuzzRegressions, DecodeItemRejectsNonCanonicalEncodings) {
  using std::string_literals::operator""s;
  AttributeMap item;
  // names "b" then "a"
  EXPECT_FALSE(DecodeItem("\x01\x02\x01" "b\x05\x01" "a\x05"s, &item));
  // duplicate name
  EXPECT_FALSE(DecodeItem("\x01\x02\x01" "a\x05\x01" "a\x05"s, &item));
  // BOOL 2
  EXPECT_FALSE(DecodeItem("\x01\x01\x01" "a\x04\x02"s, &item));
  // count 1 as the two-byte varint 0x81 0x00
  EXPECT_FALSE(DecodeItem("\x01\x81\x00\x01" "a\x05"s, &item));
  // the canonical forms still decode
  EXPECT_TRUE(DecodeItem("\x01\x02\x01" "a\x05\x01" "b\x04\x01"s, &item));
  EXPECT_EQ(EncodeItem(item), "\x01\x02\x01" "a\x05\x01" "b\x04\x01"s);
}

// attribute_value_fuzzer: RapidJSON 1.1.0 decodes a lone low-surrogate escape (\\uDC00..\\uDFFF) into
// bytes that are not UTF-8; the item was stored and GetItem answered with invalid UTF-8.
TEST(FuzzRegressions, LoneLowSurrogateEscapeIsSerializationException) {
  MemoryStore store;
  Engine engine(store);
  ASSERT_EQ(engine.Handle("CreateTable", R"({"TableName":"tab","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})").status, 200);
  auto before = store.entries();
  Response r = engine.Handle("PutItem", R"({"TableName":"tab","Item":{"id":{"S":"a\udc00"}}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"__type":"com.amazon.coral.service#SerializationException"})");
  EXPECT_EQ(store.entries(), before);
  // A proper pair, an escaped backslash before "udc00", and a high surrogate escape are unaffected
  // (the last is RapidJSON's own SerializationException).
  EXPECT_EQ(engine.Handle("PutItem", R"({"TableName":"tab","Item":{"id":{"S":"\ud83d\ude00"}}})").status, 200);
  EXPECT_EQ(engine.Handle("PutItem", R"({"TableName":"tab","Item":{"id":{"S":"\\udc00"}}})").status, 200);
  EXPECT_EQ(engine.Handle("PutItem", R"({"TableName":"tab","Item":{"id":{"S":"\ud83d"}}})").status, 400);
}

// json_fuzzer: RapidJSON skips a leading 0xEF, 0xBB, 0xBF (each optional, in that order: a byte
// order mark or part of one) before parsing, so "\xBF{...}" was accepted; the UTF-8 check that
// replaced the parser's own validation refused it until it skipped the same bytes.
TEST(FuzzRegressions, JsonLeadingByteOrderMarkPiecesAcceptedAsBefore) {
  MemoryStore store;
  Engine engine(store);
  for (const char* body : {"\xEF\xBB\xBF{}", "\xBF{}", "\xBB{}", "\xEF{}", "\xEF\xBF{}", "\xBB\xBF{}"})
    EXPECT_EQ(engine.Handle("ListTables", body).status, 200) << body;
  for (const char* body : {"\xBF\xBF{}", "\xBF\xEF{}", "\xBB\xEF{}", "\xEF\xBB\xBF\xBF{}", "{}\xBF", " \xBF{}"})
    EXPECT_EQ(engine.Handle("ListTables", body).body, R"({"__type":"com.amazon.coral.service#SerializationException"})")
        << body;
}

}  // namespace
}  // namespace dodb
