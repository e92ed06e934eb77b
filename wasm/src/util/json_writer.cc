#include "util/json_writer.h"

#include "util/json.h"  // RapidJSON configured as the engine configures it

#include <rapidjson/internal/dtoa.h>
#include <rapidjson/internal/ieee754.h>
#include <rapidjson/internal/itoa.h>

#include <array>
#include <cstring>

namespace dodb {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

// What follows the backslash for a byte that must be escaped in a string; 0: copied as is.
// The same table as RapidJSON's Writer::WriteString.
constexpr std::array<char, 256> kEscape = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\t'] = 't';
  t['\n'] = 'n';
  t['\f'] = 'f';
  t['\r'] = 'r';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}();

inline uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// Nonzero if some byte of x is zero (exact as a yes/no answer).
inline uint64_t AnyZero(uint64_t x) { return (x - kOnes) & ~x & kHighs; }

// Nonzero if some byte of x needs escaping: below 0x20, '"' or '\\'. Bytes >= 0x80 never do
// (~x clears their contribution to the "below" test).
inline uint64_t AnyEscaped(uint64_t x) {
  return ((x - kOnes * 0x20) & ~x & kHighs) | AnyZero(x ^ (kOnes * '"')) | AnyZero(x ^ (kOnes * '\\'));
}

}  // namespace

void JsonWriter::Grow(size_t n) {
  size_t want = len_ + n;
  size_t cap = buf_.size() < 128 ? 256 : buf_.size() * 2;
  buf_.resize(cap < want ? want : cap);
}

void JsonWriter::AppendQuoted(const char* s, size_t n) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const char* p = s;
  const char* end = s + n;
  Reserve(n + 3);  // the quotes, and the ':' after a key; an escape reserves its own extra bytes
  buf_[len_++] = '"';
  while (true) {
    const char* run = p;
    while (end - p >= 8 && !AnyEscaped(Load8(p))) p += 8;
    while (p < end && !kEscape[static_cast<unsigned char>(*p)]) ++p;
    std::memcpy(&buf_[len_], run, static_cast<size_t>(p - run));
    len_ += static_cast<size_t>(p - run);
    if (p == end) break;
    unsigned char c = static_cast<unsigned char>(*p++);
    char e = kEscape[c];
    Reserve(6 + static_cast<size_t>(end - p) + 2);
    buf_[len_++] = '\\';
    buf_[len_++] = e;
    if (e == 'u') {
      buf_[len_++] = '0';
      buf_[len_++] = '0';
      buf_[len_++] = kHex[c >> 4];
      buf_[len_++] = kHex[c & 0xF];
    }
  }
  buf_[len_++] = '"';
}

bool JsonWriter::Int(int i) {
  char buf[11];
  const char* e = rapidjson::internal::i32toa(i, buf);
  return Raw(buf, static_cast<size_t>(e - buf));
}

bool JsonWriter::Uint(unsigned u) {
  char buf[10];
  const char* e = rapidjson::internal::u32toa(u, buf);
  return Raw(buf, static_cast<size_t>(e - buf));
}

bool JsonWriter::Int64(int64_t i) {
  char buf[21];
  const char* e = rapidjson::internal::i64toa(i, buf);
  return Raw(buf, static_cast<size_t>(e - buf));
}

bool JsonWriter::Uint64(uint64_t u) {
  char buf[20];
  const char* e = rapidjson::internal::u64toa(u, buf);
  return Raw(buf, static_cast<size_t>(e - buf));
}

bool JsonWriter::Double(double d) {
  if (rapidjson::internal::Double(d).IsNanOrInf()) {
    // RapidJSON's Writer (default flags) wrote the separator, then nothing, and failed.
    Separate();
    comma_ = true;
    return false;
  }
  char buf[25];
  const char* e = rapidjson::internal::dtoa(d, buf, 324);  // Writer::kDefaultMaxDecimalPlaces
  return Raw(buf, static_cast<size_t>(e - buf));
}

bool IsUtf8WithoutNul(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* end = p + bytes.size();
  auto tail = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  while (p < end) {
    // ASCII without NUL, 8 bytes at a time.
    while (end - p >= 8) {
      uint64_t x = Load8(reinterpret_cast<const char*>(p));
      if ((x & kHighs) || AnyZero(x)) break;
      p += 8;
    }
    if (p == end) break;
    unsigned char c = *p;
    if (c < 0x80) {
      if (c == 0) return false;
      ++p;
      continue;
    }
    size_t left = static_cast<size_t>(end - p);
    if (c >= 0xC2 && c <= 0xDF) {
      if (left < 2 || !tail(p[1])) return false;
      p += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (left < 3 || !tail(p[1]) || !tail(p[2])) return false;
      if (c == 0xE0 && p[1] < 0xA0) return false;  // overlong
      if (c == 0xED && p[1] > 0x9F) return false;  // surrogate
      p += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (left < 4 || !tail(p[1]) || !tail(p[2]) || !tail(p[3])) return false;
      if (c == 0xF0 && p[1] < 0x90) return false;  // overlong
      if (c == 0xF4 && p[1] > 0x8F) return false;  // above U+10FFFF
      p += 4;
    } else {
      return false;  // a continuation byte, C0/C1 (overlong) or F5..FF
    }
  }
  return true;
}

}  // namespace dodb
