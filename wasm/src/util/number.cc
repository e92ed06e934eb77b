#include "util/number.h"

#include <algorithm>
#include <cstdint>

namespace dodb {
namespace {
constexpr int kMaxDigits = 38;
constexpr int kMinExponent = -129;  // 1E-130 = 0.1 * 10^-129
constexpr int kMaxExponent = 126;   // 9.99..E+125 < 0.1 * 10^127
constexpr char kOverflow[] = "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr char kTooPrecise[] = "Attempting to store more than 38 significant digits in a Number";

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
    return Status::ItemValidation(kOverflow);
  if (exponent < kMinExponent)
    return Status::Validation(
        "Number underflow. Attempting to store a number with magnitude smaller than supported range");
  if (static_cast<int>(d.digits.size()) > kMaxDigits)
    return Status::ItemValidation(kTooPrecise);
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

namespace {

// Magnitude digits of d scaled so its last digit has weight 10^scale (scale <= d's own).
std::string ScaledDigits(const Decimal& d, int scale) {
  int own = d.exponent - static_cast<int>(d.digits.size());
  return d.digits + std::string(static_cast<size_t>(own - scale), '0');
}

// a >= b for equal-length... any digit strings without leading zeros.
int CompareMagnitude(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);
}

std::string AddMagnitudes(const std::string& a, const std::string& b) {
  std::string r;
  int carry = 0;
  for (size_t i = 0; i < a.size() || i < b.size() || carry; ++i) {
    int s = carry;
    if (i < a.size()) s += a[a.size() - 1 - i] - '0';
    if (i < b.size()) s += b[b.size() - 1 - i] - '0';
    r.push_back(static_cast<char>('0' + s % 10));
    carry = s / 10;
  }
  return std::string(r.rbegin(), r.rend());
}

// a - b for a >= b.
std::string SubtractMagnitudes(const std::string& a, const std::string& b) {
  std::string r;
  int borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int s = (a[a.size() - 1 - i] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
    borrow = s < 0;
    r.push_back(static_cast<char>('0' + (s + 10) % 10));
  }
  return std::string(r.rbegin(), r.rend());
}

std::string StripLeadingZeros(std::string s) {
  size_t first = s.find_first_not_of('0');
  return first == std::string::npos ? std::string() : s.substr(first);
}

}  // namespace

Status AddDecimal(const Decimal& a, const Decimal& b, bool subtract, Decimal* out) {
  bool b_negative = subtract ? !b.negative : b.negative;
  if (b.is_zero()) { *out = a; return Status::OK(); }
  if (a.is_zero()) { *out = b; out->negative = b_negative; return Status::OK(); }
  int scale = std::min(a.exponent - static_cast<int>(a.digits.size()), b.exponent - static_cast<int>(b.digits.size()));
  std::string x = StripLeadingZeros(ScaledDigits(a, scale));
  std::string y = StripLeadingZeros(ScaledDigits(b, scale));
  std::string sum;
  bool negative;
  if (a.negative == b_negative) {
    sum = AddMagnitudes(x, y);
    negative = a.negative;
  } else if (CompareMagnitude(x, y) >= 0) {
    sum = SubtractMagnitudes(x, y);
    negative = a.negative;
  } else {
    sum = SubtractMagnitudes(y, x);
    negative = b_negative;
  }
  sum = StripLeadingZeros(sum);
  if (sum.empty()) { *out = Decimal(); return Status::OK(); }
  std::string text = (negative ? "-" : "") + sum + "e" + std::to_string(scale);
  Status parsed = ParseDecimal(text, out);
  // A result that would need more than 38 digits is, in DynamoDB's words, an overflow: it says
  // so for 1e50 - 1 (scylladb alternator test/alternator/test_number.py,
  // test_update_expression_plus_imprecise, run against DynamoDB).
  if (!parsed.ok() && parsed.message() == kTooPrecise) return Status::ItemValidation(kOverflow);
  return parsed;
}

namespace {

// Fast path: text already in canonical form and within DynamoDB's limits (the common case:
// "42", "-0.5", "99.95"). Returns false when the full parse is needed.
bool AlreadyCanonical(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (i >= t.size()) return false;
  size_t int_start = i;
  while (i < t.size() && IsDigit(t[i])) ++i;
  size_t int_len = i - int_start;
  if (int_len == 0 || (int_len > 1 && t[int_start] == '0') || int_len > 38) return false;
  bool int_is_zero = int_len == 1 && t[int_start] == '0';
  if (i == t.size()) return !(int_is_zero && int_start == 1);  // "-0" is not canonical
  if (t[i] != '.') return false;
  size_t frac_start = ++i;
  while (i < t.size() && IsDigit(t[i])) ++i;
  size_t frac_len = i - frac_start;
  if (i != t.size() || frac_len == 0 || t[t.size() - 1] == '0') return false;
  size_t significant = int_is_zero ? frac_len - (t.find_first_not_of('0', frac_start) - frac_start) : int_len + frac_len;
  return significant <= 38 && frac_len <= 120;
}

}  // namespace

Status CanonicalNumber(std::string_view text, std::string* canonical) {
  if (AlreadyCanonical(text)) {
    canonical->assign(text);
    return Status::OK();
  }
  Decimal d;
  DODB_RETURN_IF_ERROR(ParseDecimal(text, &d));
  *canonical = d.ToString();
  return Status::OK();
}

}  // namespace dodb
