#include "format/item_codec.h"

#include "util/number.h"

#include <gtest/gtest.h>

namespace dodb {
namespace {

AttributeMap Parse(const char* json) {
  JsonDocument d;
  d.Parse(json);
  AttributeMap m;
  EXPECT_TRUE(DecodeAttributeMap(d, 1, &m).ok());
  return m;
}

TEST(ItemCodec, RoundTripsEveryType) {
  AttributeMap item = Parse(
      R"({"s":{"S":"héllo"},"n":{"N":"-12.5"},"b":{"B":"AP8="},"t":{"BOOL":false},"z":{"NULL":true},)"
      R"("m":{"M":{"k":{"L":[{"N":"1"},{"M":{}},{"L":[]}]}}},"ss":{"SS":["x",""]},"ns":{"NS":["3","1"]},"bs":{"BS":["AA=="]}})");
  std::string bytes = EncodeItem(item);
  AttributeMap back;
  ASSERT_TRUE(DecodeItem(bytes, &back));
  EXPECT_EQ(back, item);
}

TEST(ItemCodec, RejectsEveryTruncation) {
  std::string bytes = EncodeItem(Parse(R"({"a":{"M":{"b":{"SS":["x","y"]}}},"c":{"N":"7"}})"));
  for (size_t n = 0; n < bytes.size(); ++n) {
    AttributeMap m;
    EXPECT_FALSE(DecodeItem(std::string_view(bytes.data(), n), &m)) << n;
  }
}

TEST(ItemCodec, SizeAsDynamoDBCountsIt) {
  EXPECT_EQ(ItemSize(Parse(R"({"ab":{"S":"xyz"}})")), 5u);
  EXPECT_EQ(ItemSize(Parse(R"({"a":{"BOOL":true},"b":{"NULL":true}})")), 4u);
  EXPECT_EQ(ItemSize(Parse(R"({"a":{"N":"0"}})")), 2u);
  EXPECT_EQ(ItemSize(Parse(R"({"a":{"N":"12345"}})")), 1u + 1 + 3);
  EXPECT_EQ(ItemSize(Parse(R"({"a":{"L":[{"S":"x"}]}})")), 1u + 3 + 1 + 1);
  EXPECT_EQ(ItemSize(Parse(R"({"a":{"M":{"k":{"S":"x"}}}})")), 1u + 3 + 1 + 1 + 1);
  EXPECT_EQ(ItemSize(Parse(R"({"a":{"SS":["xy","z"]}})")), 1u + 3);
}

}  // namespace
}  // namespace dodb

namespace dodb {
namespace {

// NumberSize reads canonical text directly; check it against the model on many shapes.
TEST(ItemCodec, NumberSizeMatchesTheDecimalModel) {
  for (const char* n : {"1", "12", "123", "1234", "10", "100", "1000", "0.1", "0.12", "0.123", "0.01", "1.5", "12.5",
                        "-7", "-0.001", "123456789.987654321", "99999999999999999999999999999999999999"}) {
    Decimal d;
    ASSERT_TRUE(ParseDecimal(n, &d).ok());
    size_t digits = d.digits.size();
    int sci = d.exponent - 1;
    size_t model = 1 + (digits + 1) / 2 + ((digits % 2 == 0 && sci % 2 == 0) ? 1 : 0) + (d.negative ? 1 : 0);
    AttributeMap item;
    item.push_back(Attribute{"", AttributeValue::Scalar(ValueType::N, n)});
    EXPECT_EQ(ItemSize(item), model) << n;
  }
}

// WriteStoredItem must answer what DecodeItem + WriteAttributeMap + ItemSize answer, on every
// type, nesting, escaping in names and values, and on every truncation and corruption.
void ExpectStoredItemAsDecoded(std::string_view bytes) {
  AttributeMap item;
  bool decoded = DecodeItem(bytes, &item);
  JsonWriter direct;
  size_t size = 0;
  bool written = WriteStoredItem(bytes, &direct, &size);
  size_t size_only = 0;
  ASSERT_EQ(WriteStoredItem(bytes, nullptr, &size_only), written);
  ASSERT_EQ(written, decoded);
  if (!decoded) return;
  JsonWriter via_map;
  WriteAttributeMap(via_map, item);
  EXPECT_EQ(direct.view(), via_map.view());
  EXPECT_EQ(size, ItemSize(item));
  EXPECT_EQ(size_only, size);
}

TEST(ItemCodec, WriteStoredItemMatchesDecodeAndWrite) {
  const char* items[] = {
      R"({})",
      R"({"s":{"S":"h\u00e9llo \"q\" \\ \n"},"n":{"N":"-12.5"},"b":{"B":"AP8="},"t":{"BOOL":false},"u":{"BOOL":true},)"
      R"("z":{"NULL":true},"m":{"M":{"k":{"L":[{"N":"1"},{"M":{}},{"L":[]}]}}},"ss":{"SS":["x",""]},)"
      R"("ns":{"NS":["3","1","-0.001"]},"bs":{"BS":["AA==","AP8="]},"na\"me\u0001":{"S":"v"}})",
      R"({"pk":{"S":"p1"},"sk":{"N":"12"},"n":{"N":"42"},"flag":{"BOOL":true},"v":{"S":"xxxxxxxxxxxxxxxxxxxxxxxx"}})",
      R"({"a":{"M":{"b":{"M":{"c":{"L":[{"SS":["x"]},{"NULL":true},{"N":"1E+10"}]}}}}}})",
  };
  for (const char* json : items) {
    std::string bytes = EncodeItem(Parse(json));
    ExpectStoredItemAsDecoded(bytes);
    for (size_t n = 0; n < bytes.size(); ++n) ExpectStoredItemAsDecoded(std::string_view(bytes.data(), n));
    for (size_t i = 0; i < bytes.size(); ++i)
      for (int bit = 0; bit < 8; ++bit) {
        std::string bad = bytes;
        bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
        ExpectStoredItemAsDecoded(bad);
      }
  }
}

}  // namespace
}  // namespace dodb
