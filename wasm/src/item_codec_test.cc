#include "item_codec.h"

#include "number.h"

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

}  // namespace
}  // namespace dodb
