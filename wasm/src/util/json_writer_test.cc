// The writer against RapidJSON's default Writer<StringBuffer>, which it replaced: the output must
// be the same bytes. IsUtf8WithoutNul against RapidJSON's UTF8<>::Validate, which it replaced in
// request parsing.
#include "util/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "util/json.h"

namespace dodb {
namespace {

std::string OursString(std::string_view s) {
  JsonWriter w;
  w.String(s);
  return w.Take();
}

std::string TheirsString(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return std::string(buf.GetString(), buf.GetSize());
}

TEST(JsonWriterTest, EscapesLikeRapidJson) {
  EXPECT_EQ(OursString(""), "\"\"");
  EXPECT_EQ(OursString("a\"b\\c/d"), "\"a\\\"b\\\\c/d\"");
  EXPECT_EQ(OursString("\b\t\n\f\r"), "\"\\b\\t\\n\\f\\r\"");
  EXPECT_EQ(OursString(std::string_view("\0\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001F\x7f\"");
  // U+2028 and U+2029 are valid JSON string content: not escaped (RapidJSON did not either).
  EXPECT_EQ(OursString("\xe2\x80\xa8\xe2\x80\xa9 \xc3\xa9"), "\"\xe2\x80\xa8\xe2\x80\xa9 \xc3\xa9\"");
  // Bytes that are not UTF-8 are copied as they are.
  EXPECT_EQ(OursString("\xff\xc0\xaf\xed\xa0\x80"), "\"\xff\xc0\xaf\xed\xa0\x80\"");
  for (int c = 0; c < 256; ++c) {
    std::string s(1, static_cast<char>(c));
    EXPECT_EQ(OursString(s), TheirsString(s)) << c;
    // Every byte at every position of a 17-byte string (both the 8-byte and the byte path).
    for (size_t at = 0; at < 17; ++at) {
      std::string t(17, 'x');
      t[at] = static_cast<char>(c);
      ASSERT_EQ(OursString(t), TheirsString(t)) << c << " at " << at;
    }
  }
}

TEST(JsonWriterTest, RandomStringsMatchRapidJson) {
  std::mt19937 rng(7);
  const std::string alphabet = std::string("ab\"\\\n\x01\x1f /\x7f\x80\xc3\xa9\xe2\xff", 16) + std::string(1, '\0');
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 40, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    ASSERT_EQ(OursString(s), TheirsString(s)) << s;
  }
}

TEST(JsonWriterTest, DocumentsMatchRapidJson) {
  const char* docs[] = {
      R"({})",
      R"([])",
      R"({"a":[1,-2,3.5,true,false,null,"x",{"b":{}},[[]]],"c":{"d":"e\n"},"f":[{},{}]})",
      R"([1.0,0.1,1e300,-0.0,5e-324,123456789012345678,-9223372036854775808,18446744073709551615])",
      R"({"Items":[{"pk":{"S":"p1"},"n":{"N":"42"}},{"pk":{"S":"p2"}}],"Count":2,"ScannedCount":2})",
  };
  for (const char* text : docs) {
    JsonDocument d;
    d.Parse(text);
    ASSERT_FALSE(d.HasParseError()) << text;
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> theirs(buf);
    ASSERT_TRUE(d.Accept(theirs));
    JsonWriter ours;
    ASSERT_TRUE(d.Accept(ours));
    EXPECT_EQ(ours.view(), std::string_view(buf.GetString(), buf.GetSize())) << text;
  }
}

TEST(JsonWriterTest, NumbersMatchRapidJson) {
  JsonWriter ours;
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> theirs(buf);
  auto both = [&](auto f) {
    f(ours);
    f(theirs);
  };
  both([](auto& w) { w.StartArray(); });
  both([](auto& w) { w.Int(std::numeric_limits<int>::min()); });
  both([](auto& w) { w.Uint(std::numeric_limits<unsigned>::max()); });
  both([](auto& w) { w.Int64(std::numeric_limits<int64_t>::min()); });
  both([](auto& w) { w.Uint64(std::numeric_limits<uint64_t>::max()); });
  for (double d : {0.0, -0.0, 0.1, 1.5, 1e21, 1e-7, 123456.789, 1.7976931348623157e308, 4.9e-324})
    both([d](auto& w) { w.Double(d); });
  both([](auto& w) { w.Null(); });
  both([](auto& w) { w.EndArray(); });
  EXPECT_EQ(ours.view(), std::string_view(buf.GetString(), buf.GetSize()));
}

TEST(JsonWriterTest, NonFiniteDoubleFailsAsRapidJsonDid) {
  JsonWriter w;
  w.StartArray();
  EXPECT_TRUE(w.Int(1));
  EXPECT_FALSE(w.Double(std::nan("")));
  EXPECT_FALSE(w.Double(INFINITY));
  w.EndArray();
  EXPECT_EQ(w.view(), "[1,,]");
}

TEST(JsonWriterTest, TakeEmptiesTheWriter) {
  JsonWriter w;
  w.StartObject();
  w.Key("a");
  w.RawValue("[1]", 3, rapidjson::kArrayType);
  w.EndObject();
  EXPECT_EQ(w.Take(), R"({"a":[1]})");
  w.Bool(true);
  EXPECT_EQ(w.view(), "true");
}

// RapidJSON's own validation of a byte string, as the parser applied it inside strings.
bool RapidJsonValid(const std::string& bytes) {
  if (bytes.find('\0') != std::string::npos) return false;
  std::string padded = bytes + std::string(4, '\0');  // Validate reads a truncated sequence's tail
  rapidjson::StringStream is(padded.c_str());
  struct Sink {
    void Put(char) {}
  } sink;
  while (static_cast<size_t>(is.Tell()) < bytes.size())
    if (!rapidjson::UTF8<>::Validate(is, sink)) return false;
  return true;
}

TEST(Utf8Test, AgreesWithRapidJsonOnEveryShortSequence) {
  std::string s;
  for (int a = 0; a < 256; ++a) {
    s.assign(1, static_cast<char>(a));
    ASSERT_EQ(IsUtf8WithoutNul(s), RapidJsonValid(s)) << a;
    for (int b = 0; b < 256; ++b) {
      s.assign({static_cast<char>(a), static_cast<char>(b)});
      ASSERT_EQ(IsUtf8WithoutNul(s), RapidJsonValid(s)) << a << " " << b;
      if (a < 0xC0) continue;
      for (int c = 0; c < 256; ++c) {
        s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        ASSERT_EQ(IsUtf8WithoutNul(s), RapidJsonValid(s)) << a << " " << b << " " << c;
        if (a < 0xF0 || a > 0xF7) continue;
        for (int d : {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xFF}) {
          s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)});
          ASSERT_EQ(IsUtf8WithoutNul(s), RapidJsonValid(s)) << a << " " << b << " " << c << " " << d;
        }
      }
    }
  }
}

TEST(Utf8Test, LongInputsAndNul) {
  std::string ascii(1000, 'a');
  EXPECT_TRUE(IsUtf8WithoutNul(ascii));
  for (size_t at : {0, 7, 8, 9, 500, 999}) {
    std::string t = ascii;
    t[at] = '\0';
    EXPECT_FALSE(IsUtf8WithoutNul(t)) << at;
    t[at] = '\x80';
    EXPECT_FALSE(IsUtf8WithoutNul(t)) << at;
  }
  std::string mixed;
  for (int i = 0; i < 100; ++i) mixed += "abc\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80xyz12345";
  EXPECT_TRUE(IsUtf8WithoutNul(mixed));
  EXPECT_FALSE(IsUtf8WithoutNul(mixed.substr(0, mixed.size() - 9)));  // ends inside the emoji
}

}  // namespace
}  // namespace dodb
