// key_codec_fuzzer: the first byte picks the hash and range key types (S, N, B). ReadKeyValue
// reads the rest as arbitrary stored key bytes and must not crash; a value it returns that is
// valid for its type must survive AppendKeyValue -> ReadKeyValue unchanged. The rest is also cut
// (by three length bytes) into two keys (hash1, range1) and (hash2, range2), made valid for their
// types (S: non-empty UTF-8, B: non-empty bytes, N: accepted by ParseDecimal); their storage
// encodings (hash then range, as item_key.cc builds them) must decode back to the same values,
// and memcmp order of the encodings must agree with CompareScalars/CompareDecimal, hash first.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>

#include "format/attribute_value.h"
#include "expr/condition_eval.h"
#include "fuzz_check.h"
#include "format/key_codec.h"
#include "util/number.h"

namespace {

using dodb::AttributeValue;
using dodb::ValueType;

constexpr ValueType kTypes[] = {ValueType::S, ValueType::N, ValueType::B};

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 && c >= 0xC2 ? 2 : (c >> 4) == 0xE ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// A key value of type t made from raw text, or false if the text is not a valid one.
bool MakeKey(ValueType t, std::string_view raw, AttributeValue* out) {
  if (t == ValueType::N) {
    std::string canonical;
    if (!dodb::CanonicalNumber(raw, &canonical).ok()) return false;
    *out = AttributeValue::Scalar(t, canonical);
    return true;
  }
  if (raw.empty() || (t == ValueType::S && !ValidUtf8(raw))) return false;
  *out = AttributeValue::Scalar(t, std::string(raw));
  return true;
}

// Whether a value ReadKeyValue returned is one the engine could have written.
bool ValidValue(const AttributeValue& v) {
  if (v.type != ValueType::N) return true;
  std::string canonical;
  return dodb::CanonicalNumber(v.scalar, &canonical).ok() && canonical == v.scalar;
}

int Sign(int c) { return (c > 0) - (c < 0); }

std::string Hex(std::string_view s) {
  static const char kDigits[] = "0123456789abcdef";
  std::string h;
  for (unsigned char c : s) {
    h += kDigits[c >> 4];
    h += kDigits[c & 15];
  }
  return h;
}

void CheckRoundTrip(const AttributeValue& v) {
  std::string enc;
  dodb::AppendKeyValue(v, &enc);
  std::string_view in = enc;
  AttributeValue back;
  FUZZ_CHECK(dodb::ReadKeyValue(v.type, &in, &back), Hex(enc));
  FUZZ_CHECK(in.empty(), Hex(enc));
  FUZZ_CHECK(back == v, Hex(enc));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  ValueType hash_type = kTypes[data[0] % 3];
  ValueType range_type = kTypes[(data[0] / 3) % 3];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  // 1. Arbitrary bytes, read as a sequence of key values.
  std::string_view in = rest;
  for (int i = 0; i < 8 && !in.empty(); ++i) {
    AttributeValue v;
    if (!dodb::ReadKeyValue(i % 2 ? range_type : hash_type, &in, &v)) break;
    if (ValidValue(v)) CheckRoundTrip(v);
  }

  // 2. Two (hash, range) keys cut from the input.
  std::string_view body = rest.substr(3);
  size_t cut[3];
  for (int i = 0; i < 3; ++i) cut[i] = body.empty() ? 0 : static_cast<unsigned char>(rest[i]) % (body.size() + 1);
  std::string_view parts[4];
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    size_t n = std::min(cut[i], body.size() - pos);
    parts[i] = body.substr(pos, n);
    pos += n;
  }
  parts[3] = body.substr(pos);
  AttributeValue h1, r1, h2, r2;
  if (!MakeKey(hash_type, parts[0], &h1) || !MakeKey(range_type, parts[1], &r1) ||
      !MakeKey(hash_type, parts[2], &h2) || !MakeKey(range_type, parts[3], &r2))
    return 0;
  for (const AttributeValue* v : {&h1, &r1, &h2, &r2}) CheckRoundTrip(*v);

  std::string k1, k2;
  dodb::AppendKeyValue(h1, &k1);
  dodb::AppendKeyValue(r1, &k1);
  dodb::AppendKeyValue(h2, &k2);
  dodb::AppendKeyValue(r2, &k2);
  for (auto [key, h, r] : {std::tuple{&k1, &h1, &r1}, std::tuple{&k2, &h2, &r2}}) {
    std::string_view k = *key;
    AttributeValue hb, rb;
    FUZZ_CHECK(dodb::ReadKeyValue(hash_type, &k, &hb) && hb == *h, "composite hash: " + Hex(*key));
    FUZZ_CHECK(dodb::ReadKeyValue(range_type, &k, &rb) && rb == *r && k.empty(), "composite range: " + Hex(*key));
  }

  int hash_order = dodb::CompareScalars(h1, h2);
  if (hash_type == ValueType::N) {
    dodb::Decimal a, b;
    FUZZ_CHECK(dodb::ParseDecimal(h1.scalar, &a).ok() && dodb::ParseDecimal(h2.scalar, &b).ok(), h1.scalar);
    FUZZ_CHECK(Sign(dodb::CompareDecimal(a, b)) == Sign(hash_order), h1.scalar + " vs " + h2.scalar);
  }
  int expected = hash_order != 0 ? Sign(hash_order) : Sign(dodb::CompareScalars(r1, r2));
  int actual = Sign(k1.compare(k2));  // std::string compares as unsigned bytes, like memcmp
  FUZZ_CHECK(actual == expected, "key order: " + Hex(k1) + " vs " + Hex(k2));
  return 0;
}
