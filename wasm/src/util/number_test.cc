#include "util/number.h"

#include <gtest/gtest.h>

namespace dodb {
namespace {

std::string Canon(const char* text) {
  std::string out;
  Status s = CanonicalNumber(text, &out);
  return s.ok() ? out : "error: " + s.message();
}

TEST(Number, CanonicalForm) {
  EXPECT_EQ(Canon("1"), "1");
  EXPECT_EQ(Canon("1.0"), "1");
  EXPECT_EQ(Canon("01.50"), "1.5");
  EXPECT_EQ(Canon("-0"), "0");
  EXPECT_EQ(Canon("0.000"), "0");
  EXPECT_EQ(Canon("+7"), "7");
  EXPECT_EQ(Canon("1e2"), "100");
  EXPECT_EQ(Canon("1.5E-3"), "0.0015");
  EXPECT_EQ(Canon("-123.456e1"), "-1234.56");
  EXPECT_EQ(Canon(".5"), "0.5");
  EXPECT_EQ(Canon("5."), "5");
}

TEST(Number, RejectsNonNumbers) {
  for (const char* bad : {"", "abc", "1a", "--1", "1e", "e5", ".", "1 ", " 1", "0x10", "1e+"})
    EXPECT_EQ(Canon(bad).rfind("error: The parameter cannot be converted to a numeric value", 0), 0u) << bad;
}

TEST(Number, Limits) {
  EXPECT_EQ(Canon("9.9999999999999999999999999999999999999E+125").size(), 126u);
  EXPECT_EQ(Canon("1E+126"),
            "error: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(Canon("1E-130").size(), 132u);  // "0." + 129 zeros + "1"
  EXPECT_EQ(Canon("1E-131"),
            "error: Number underflow. Attempting to store a number with magnitude smaller than supported range");
  EXPECT_EQ(Canon("12345678901234567890123456789012345678"), "12345678901234567890123456789012345678");
  EXPECT_EQ(Canon("123456789012345678901234567890123456789"),
            "error: Attempting to store more than 38 significant digits in a Number");
  EXPECT_EQ(Canon("1234567890123456789012345678901234567800000"), "1234567890123456789012345678901234567800000");
}

TEST(Number, Compare) {
  auto cmp = [](const char* a, const char* b) {
    Decimal x, y;
    EXPECT_TRUE(ParseDecimal(a, &x).ok());
    EXPECT_TRUE(ParseDecimal(b, &y).ok());
    return CompareDecimal(x, y);
  };
  EXPECT_EQ(cmp("1", "1.0"), 0);
  EXPECT_LT(cmp("-5", "3"), 0);
  EXPECT_LT(cmp("0.5", "0.55"), 0);
  EXPECT_GT(cmp("-0.5", "-0.55"), 0);
  EXPECT_LT(cmp("99", "100"), 0);
  EXPECT_LT(cmp("0", "1E-130"), 0);
}

}  // namespace
}  // namespace dodb

namespace dodb {
namespace {

std::string Add(const char* a, const char* b, bool subtract = false) {
  Decimal x, y, r;
  EXPECT_TRUE(ParseDecimal(a, &x).ok());
  EXPECT_TRUE(ParseDecimal(b, &y).ok());
  Status s = AddDecimal(x, y, subtract, &r);
  return s.ok() ? r.ToString() : "error: " + s.message();
}

TEST(Number, ExactArithmetic) {
  EXPECT_EQ(Add("1", "2"), "3");
  EXPECT_EQ(Add("0.1", "0.2"), "0.3");
  EXPECT_EQ(Add("-5", "3"), "-2");
  EXPECT_EQ(Add("5", "5", true), "0");
  EXPECT_EQ(Add("1.5", "-2.25"), "-0.75");
  EXPECT_EQ(Add("99999999999999999999999999999999999999", "1"), "100000000000000000000000000000000000000");
  // A result past 38 digits is DynamoDB's "Number overflow" (alternator test_number.py).
  EXPECT_EQ(Add("1E-100", "1", false),
            "error: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(Add("1e50", "1", true),
            "error: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(Add("1.1E-130", "1E-130", true),
            "error: Number underflow. Attempting to store a number with magnitude smaller than supported range");
  EXPECT_EQ(Add("9.9999999999999999999999999999999999999E+125", "1E+125"),
            "error: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(Add("0", "-7"), "-7");
  EXPECT_EQ(Add("0", "7", true), "-7");
}

}  // namespace
}  // namespace dodb

namespace dodb {
namespace {

TEST(Number, FastPathAgreesWithFullParse) {
  for (const char* t : {"0", "-0", "42", "-42", "0.5", "-0.05", "10", "100.25", "1.50", "007", "0.0", "1.", ".5",
                        "99999999999999999999999999999999999999", "999999999999999999999999999999999999999",
                        "0.00000000000000000000000000000000000000001", "12345678901234567890.123456789012345678901"}) {
    std::string fast, full;
    Status a = CanonicalNumber(t, &fast);
    Decimal d;
    Status b = ParseDecimal(t, &d);
    EXPECT_EQ(a.ok(), b.ok()) << t;
    if (a.ok()) EXPECT_EQ(fast, d.ToString()) << t;
    else EXPECT_EQ(a.message(), b.message()) << t;
  }
}

}  // namespace
}  // namespace dodb
