#include "number.h"

#include <cstdint>

namespace dodb {
namespace {
constexpr int kMaxDigits = 38;
constexpr int kMinExponent = -129;  // 1E-130 = 0.1 * 10^-129
constexpr int kMaxExponent = 126;   // 9.99..E+125 < 0.1 * 10^127

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

Status ParseDecimal(std::string_view text, Decimal* out) {
  if (text.empty()) return Status::Validation("The parameter cannot be converted to a numeric value");
  const Status not_numeric =
      Status::Validation("The parameter cannot be converted to a numeric value: " + std::string(text));
  size_t i = 0, n = text.size();
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string all;        // every mantissa digit, leading zeros included
  int int_digits = 0;     // digits before the point
  bool seen_digit = false;
  while (i < n && IsDigit(text[i])) { all += text[i++]; ++int_digits; seen_digit = true; }
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && IsDigit(text[i])) { all += text[i++]; seen_digit = true; }
  }
  if (!seen_digit) return not_numeric;
  int64_t exp10 = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= n || !IsDigit(text[i])) return not_numeric;
    while (i < n && IsDigit(text[i])) {
      if (exp10 < 1000000000) exp10 = exp10 * 10 + (text[i] - '0');  // saturates: still out of range
      ++i;
    }
    if (exp_negative) exp10 = -exp10;
  }
  if (i != n) return not_numeric;

  // Strip leading zeros (moving the point) and trailing zeros.
  size_t first = all.find_first_not_of('0');
  Decimal d;
  d.negative = negative;
  if (first == std::string::npos) {  // zero, whatever its sign or exponent
    *out = Decimal();
    return Status::OK();
  }
  size_t last = all.find_last_not_of('0');
  d.digits = all.substr(first, last - first + 1);
  int64_t exponent = static_cast<int64_t>(int_digits) - static_cast<int64_t>(first) + exp10;
  // DynamoDB checks range before precision (dynalite test/putItem.js records the order).
  if (exponent > kMaxExponent)
    return Status::Validation(
        "Number overflow. Attempting to store a number with magnitude larger than supported range");
  if (exponent < kMinExponent)
    return Status::Validation(
        "Number underflow. Attempting to store a number with magnitude smaller than supported range");
  if (static_cast<int>(d.digits.size()) > kMaxDigits)
    return Status::Validation("Attempting to store more than 38 significant digits in a Number");
  d.exponent = static_cast<int>(exponent);
  *out = std::move(d);
  return Status::OK();
}

std::string Decimal::ToString() const {
  if (is_zero()) return "0";
  std::string s;
  if (negative) s += '-';
  int n = static_cast<int>(digits.size());
  if (exponent <= 0) {
    s += "0.";
    s.append(static_cast<size_t>(-exponent), '0');
    s += digits;
  } else if (exponent >= n) {
    s += digits;
    s.append(static_cast<size_t>(exponent - n), '0');
  } else {
    s.append(digits, 0, exponent);
    s += '.';
    s.append(digits, exponent, std::string::npos);
  }
  return s;
}

int CompareDecimal(const Decimal& a, const Decimal& b) {
  auto sign = [](const Decimal& d) { return d.is_zero() ? 0 : (d.negative ? -1 : 1); };
  int sa = sign(a), sb = sign(b);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int magnitude;
  if (a.exponent != b.exponent) {
    magnitude = a.exponent < b.exponent ? -1 : 1;
  } else {
    int c = a.digits.compare(b.digits);  // same exponent: digit strings compare lexicographically
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return sa > 0 ? magnitude : -magnitude;
}

Status CanonicalNumber(std::string_view text, std::string* canonical) {
  Decimal d;
  DODB_RETURN_IF_ERROR(ParseDecimal(text, &d));
  *canonical = d.ToString();
  return Status::OK();
}

}  // namespace dodb
