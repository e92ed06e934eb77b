#include "util/base64.h"

#include <gtest/gtest.h>

namespace dodb {
namespace {

TEST(Base64, RoundTripsAllLengths) {
  std::string bytes;
  for (int n = 0; n < 40; ++n) {
    std::string text = Base64Encode(bytes);
    EXPECT_EQ(text.size() % 4, 0u);
    std::string back;
    ASSERT_TRUE(Base64Decode(text, &back));
    EXPECT_EQ(back, bytes);
    bytes.push_back(static_cast<char>(n * 37));
  }
  EXPECT_EQ(Base64Encode("hello"), "aGVsbG8=");
}

TEST(Base64, RejectsMalformed) {
  std::string out;
  for (const char* bad : {"a", "abcde", "ab=c", "=abc", "ab!d", "a===", "ab==cd=="}) EXPECT_FALSE(Base64Decode(bad, &out)) << bad;
}

}  // namespace
}  // namespace dodb
