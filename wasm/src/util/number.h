// number.h: DynamoDB numbers as exact decimals (no doubles anywhere): at most 38 significant
// digits, magnitude 1E-130 .. 9.9999999999999999999999999999999999999E+125, or zero.
//
// A Decimal is normalised: value = (negative ? -1 : 1) * 0.d1d2...dn * 10^exponent, with
// d1 != 0 and dn != 0 (no leading or trailing zeros); zero has no digits.
#ifndef DODB_NUMBER_H_
#define DODB_NUMBER_H_

#include <string>
#include <string_view>

#include "util/status.h"

namespace dodb {

struct Decimal {
  bool negative = false;
  std::string digits;  // '1'..'9' first and last; empty for zero
  int exponent = 0;    // position of the decimal point relative to digits

  bool is_zero() const { return digits.empty(); }
  // DynamoDB's canonical text: plain notation, no exponent, no redundant zeros ("-0.05", "100").
  std::string ToString() const;
};

// Parses DynamoDB number text (Java BigDecimal syntax: [+-]digits[.digits][(e|E)[+-]digits])
// and checks DynamoDB's precision and range, with DynamoDB's messages.
Status ParseDecimal(std::string_view text, Decimal* out);

// Three-way comparison by numeric value.
int CompareDecimal(const Decimal& a, const Decimal& b);

// Exact a + b (or a - b when subtract), checked against DynamoDB's range and precision with
// its messages (a result that needs more than 38 digits is an error, not rounded, and DynamoDB
// calls it "Number overflow", as it does a result past 9.99E+125).
Status AddDecimal(const Decimal& a, const Decimal& b, bool subtract, Decimal* out);

// Parses and returns the canonical text of a number, or an error.
Status CanonicalNumber(std::string_view text, std::string* canonical);

}  // namespace dodb

#endif  // DODB_NUMBER_H_
