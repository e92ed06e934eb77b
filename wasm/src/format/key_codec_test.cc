// Property tests: memcmp order of encoded keys agrees with DynamoDB's order of the values
// (numbers by value, strings by UTF-8 bytes, binaries by unsigned bytes), and decoding inverts.
#include "format/key_codec.h"

#include <gtest/gtest.h>

#include <random>

#include "util/number.h"

namespace dodb {
namespace {

std::string Encode(const AttributeValue& v) {
  std::string out;
  AppendKeyValue(v, &out);
  return out;
}

int Sign(int x) { return (x > 0) - (x < 0); }

std::string RandomNumber(std::mt19937& rng) {
  std::uniform_int_distribution<int> len(1, 38), digit(0, 9), exp(-140, 135), coin(0, 1);
  std::string s = coin(rng) ? "-" : "";
  int n = len(rng);
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + digit(rng));
  s += "e" + std::to_string(exp(rng));
  return s;
}

TEST(KeyCodec, NumberOrderMatchesDecimalOrder) {
  std::mt19937 rng(42);
  std::vector<Decimal> values;
  while (values.size() < 2000) {
    Decimal d;
    if (ParseDecimal(RandomNumber(rng), &d).ok()) values.push_back(d);
  }
  for (const char* fixed : {"0", "1", "-1", "0.5", "0.55", "-0.5", "-0.55", "100", "99", "1E-130", "-1E-130"}) {
    Decimal d;
    ASSERT_TRUE(ParseDecimal(fixed, &d).ok());
    values.push_back(d);
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const Decimal& a = values[i];
    const Decimal& b = values[(i * 7919 + 13) % values.size()];
    std::string ea = Encode(AttributeValue::Scalar(ValueType::N, a.ToString()));
    std::string eb = Encode(AttributeValue::Scalar(ValueType::N, b.ToString()));
    EXPECT_EQ(Sign(ea.compare(eb)), CompareDecimal(a, b)) << a.ToString() << " vs " << b.ToString();
    std::string_view in = ea;
    AttributeValue back;
    ASSERT_TRUE(ReadKeyValue(ValueType::N, &in, &back));
    EXPECT_TRUE(in.empty());
    EXPECT_EQ(back.scalar, a.ToString());
  }
}

TEST(KeyCodec, BytesOrderAndPrefixFreedom) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> len(0, 6), byte(0, 3);  // small alphabet: many shared prefixes
  const char alphabet[] = {'\0', '\x01', 'a', '\xFF'};
  for (int i = 0; i < 5000; ++i) {
    std::string a, b;
    for (int n = len(rng); n > 0; --n) a += alphabet[byte(rng)];
    for (int n = len(rng); n > 0; --n) b += alphabet[byte(rng)];
    std::string ea = Encode(AttributeValue::Scalar(ValueType::B, a));
    std::string eb = Encode(AttributeValue::Scalar(ValueType::B, b));
    // Unsigned byte order of the raw values.
    int expected = Sign(std::string_view(a).compare(b));
    EXPECT_EQ(Sign(ea.compare(eb)), expected);
    // A second component after the first never changes the order of different first components.
    if (a != b) EXPECT_EQ(Sign((ea + "zz").compare(eb + std::string("\0", 1))), expected);
    std::string_view in = ea;
    AttributeValue back;
    ASSERT_TRUE(ReadKeyValue(ValueType::B, &in, &back));
    EXPECT_EQ(back.scalar, a);
    EXPECT_TRUE(in.empty());
  }
}

TEST(KeyCodec, RejectsTruncatedInput) {
  std::string e = Encode(AttributeValue::Scalar(ValueType::N, "123.45"));
  for (size_t n = 0; n < e.size(); ++n) {
    std::string_view in(e.data(), n);
    AttributeValue v;
    EXPECT_FALSE(ReadKeyValue(ValueType::N, &in, &v)) << n;
  }
}

}  // namespace
}  // namespace dodb
