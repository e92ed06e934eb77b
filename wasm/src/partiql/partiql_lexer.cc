#include "partiql/partiql_lexer.h"

namespace dodb::partiql {
namespace {

bool IsIdentifierStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentifierPart(char c) { return IsIdentifierStart(c) || IsDigit(c); }

// The quoted text starting at text[i] (the opening quote), doubled quotes unescaped; *end is past
// the closing quote. False if it is not closed.
bool ReadQuoted(std::string_view text, size_t i, std::string* out, size_t* end) {
  char quote = text[i];
  for (size_t j = i + 1; j < text.size(); ++j) {
    if (text[j] != quote) {
      out->push_back(text[j]);
      continue;
    }
    if (j + 1 < text.size() && text[j + 1] == quote) {
      out->push_back(quote);
      ++j;
      continue;
    }
    *end = j + 1;
    return true;
  }
  return false;
}

// A number: digits, an optional fraction and an optional exponent (1, 1.5, .5, 1e3, 2E-7).
size_t NumberEnd(std::string_view text, size_t i) {
  size_t j = i;
  while (j < text.size() && IsDigit(text[j])) ++j;
  if (j < text.size() && text[j] == '.') {
    ++j;
    while (j < text.size() && IsDigit(text[j])) ++j;
  }
  if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
    size_t k = j + 1;
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
    if (k < text.size() && IsDigit(text[k])) {
      j = k;
      while (j < text.size() && IsDigit(text[j])) ++j;
    }
  }
  return j;
}

constexpr std::string_view kTwoCharPuncts[] = {"<>", "!=", "<=", ">=", "<<", ">>", "||"};

}  // namespace

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c -= 32;
  return out;
}

Status NotWellFormed(std::string_view detail) {
  return Status::Validation("Statement wasn't well formed, can't be processed: " + std::string(detail));
}

Status Tokenize(std::string_view text, std::vector<Token>* tokens) {
  tokens->clear();
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t end = text.find("*/", i + 2);
      if (end == std::string_view::npos) return NotWellFormed("Unterminated comment");
      i = end + 2;
      continue;
    }
    Token t;
    t.offset = i;
    if (c == '\'' || c == '"') {
      t.kind = c == '\'' ? TokenKind::kString : TokenKind::kQuotedIdentifier;
      if (!ReadQuoted(text, i, &t.text, &i))
        return NotWellFormed(c == '\'' ? "Unterminated string literal" : "Unterminated quoted identifier");
    } else if (IsIdentifierStart(c)) {
      size_t j = i;
      while (j < text.size() && IsIdentifierPart(text[j])) ++j;
      t.kind = TokenKind::kIdentifier;
      t.text = std::string(text.substr(i, j - i));
      i = j;
    } else if (IsDigit(c) || (c == '.' && i + 1 < text.size() && IsDigit(text[i + 1]))) {
      size_t j = NumberEnd(text, i);
      t.kind = TokenKind::kNumber;
      t.text = std::string(text.substr(i, j - i));
      i = j;
    } else {
      t.kind = TokenKind::kPunct;
      std::string_view two = text.substr(i, 2);
      bool paired = false;
      for (std::string_view p : kTwoCharPuncts) paired = paired || two == p;
      if (paired) {
        t.text = std::string(two);
        i += 2;
      } else if (std::string_view("()[]{},.:?*=<>+-/%").find(c) != std::string_view::npos) {
        t.text = std::string(1, c);
        ++i;
      } else {
        return NotWellFormed("Unexpected character");
      }
    }
    tokens->push_back(std::move(t));
  }
  Token end;
  end.offset = text.size();
  tokens->push_back(std::move(end));
  return Status::OK();
}

}  // namespace dodb::partiql
