#include "format/key_codec.h"

#include "util/number.h"

namespace dodb {
namespace {

void AppendEscaped(std::string_view bytes, std::string* out) {
  for (char c : bytes) {
    out->push_back(c);
    if (c == '\0') out->push_back('\xFF');
  }
  // Two-byte terminator: with a bare 0x00 a following component starting with 0xFF read as an
  // escaped zero (B hash "a" + range "\xFF" encoded like hash "a\0"), so keys could collide.
  out->push_back('\0');
  out->push_back('\x01');
}

bool ReadEscaped(std::string_view* in, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < in->size()) {
    char c = (*in)[i++];
    if (c != '\0') {
      out->push_back(c);
      continue;
    }
    if (i < in->size() && (*in)[i] == '\xFF') {
      out->push_back('\0');
      ++i;
      continue;
    }
    if (i < in->size() && (*in)[i] == '\x01') {
      in->remove_prefix(i + 1);
      return true;
    }
    return false;
  }
  return false;
}

void AppendNumber(std::string_view canonical, std::string* out) {
  Decimal d;
  if (!ParseDecimal(canonical, &d).ok() || d.is_zero()) {
    out->push_back('\x02');
    return;
  }
  auto put = [&](int b) { out->push_back(static_cast<char>(d.negative ? 255 - b : b)); };
  out->push_back(d.negative ? '\x01' : '\x03');
  put(d.exponent + 129);
  std::string digits = d.digits;
  if (digits.size() % 2) digits.push_back('0');
  for (size_t i = 0; i < digits.size(); i += 2) {
    int x = (digits[i] - '0') * 10 + (digits[i + 1] - '0');
    put(i + 2 == digits.size() ? 2 * x : 2 * x + 1);
  }
}

bool ReadNumber(std::string_view* in, std::string* canonical) {
  if (in->empty()) return false;
  char tag = (*in)[0];
  if (tag == '\x02') {
    in->remove_prefix(1);
    *canonical = "0";
    return true;
  }
  if (tag != '\x01' && tag != '\x03') return false;
  bool negative = tag == '\x01';
  auto get = [&](size_t i) {
    int b = static_cast<uint8_t>((*in)[i]);
    return negative ? 255 - b : b;
  };
  if (in->size() < 3) return false;
  Decimal d;
  d.negative = negative;
  d.exponent = get(1) - 129;
  size_t i = 2;
  for (;; ++i) {
    if (i >= in->size()) return false;
    int b = get(i);
    int x = b / 2;
    d.digits.push_back(static_cast<char>('0' + x / 10));
    d.digits.push_back(static_cast<char>('0' + x % 10));
    if (b % 2 == 0) break;
  }
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  in->remove_prefix(i + 1);
  *canonical = d.ToString();
  return true;
}

}  // namespace

void AppendKeyValue(const AttributeValue& v, std::string* out) {
  if (v.type == ValueType::N)
    AppendNumber(v.scalar, out);
  else
    AppendEscaped(v.scalar, out);
}

void AppendKeyPrefix(const AttributeValue& v, std::string* out) {
  AppendEscaped(v.scalar, out);
  out->resize(out->size() - 2);  // the terminator
}

bool ReadKeyValue(ValueType type, std::string_view* in, AttributeValue* out) {
  std::string s;
  bool ok = type == ValueType::N ? ReadNumber(in, &s) : ReadEscaped(in, &s);
  if (ok) *out = AttributeValue::Scalar(type, std::move(s));
  return ok;
}

}  // namespace dodb
