#include "expr/expression_lexer.h"

namespace dodb {
namespace {

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) { return IsLetter(c) || IsDigit(c) || c == '_'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  auto add = [&](TokenKind k, size_t start, size_t len) { tokens.push_back({k, s.substr(start, len), start}); };
  while (i < s.size()) {
    char c = s[i];
    if (IsSpace(c)) { ++i; continue; }
    size_t start = i;
    if (c == '#' || c == ':') {
      ++i;
      while (i < s.size() && IsNameChar(s[i])) ++i;
      add(c == '#' ? TokenKind::kNamePlaceholder : TokenKind::kValuePlaceholder, start, i - start);
      continue;
    }
    if (IsDigit(c)) {  // "0" alone, so "01" is two tokens; "1a" is a number then a name
      ++i;
      if (c != '0')
        while (i < s.size() && IsDigit(s[i])) ++i;
      add(TokenKind::kNumber, start, i - start);
      continue;
    }
    if (IsLetter(c)) {
      while (i < s.size() && IsNameChar(s[i])) ++i;
      add(TokenKind::kIdentifier, start, i - start);
      continue;
    }
    if (c == '"' || c == '\'') {  // a string literal is one (always unexpected) token
      size_t end = s.find(c, i + 1);
      if (end != std::string_view::npos) {
        i = end + 1;
        add(TokenKind::kInvalid, start, i - start);
        continue;
      }
    }
    TokenKind k = TokenKind::kInvalid;
    size_t len = 1;
    switch (c) {
      case '(': k = TokenKind::kLParen; break;
      case ')': k = TokenKind::kRParen; break;
      case '[': k = TokenKind::kLBracket; break;
      case ']': k = TokenKind::kRBracket; break;
      case ',': k = TokenKind::kComma; break;
      case '.': k = TokenKind::kDot; break;
      case '=': k = TokenKind::kEq; break;
      case '+': k = TokenKind::kPlus; break;
      case '-': k = TokenKind::kMinus; break;
      case '<':
        if (i + 1 < s.size() && s[i + 1] == '>') { k = TokenKind::kNe; len = 2; }
        else if (i + 1 < s.size() && s[i + 1] == '=') { k = TokenKind::kLe; len = 2; }
        else k = TokenKind::kLt;
        break;
      case '>':
        if (i + 1 < s.size() && s[i + 1] == '=') { k = TokenKind::kGe; len = 2; }
        else k = TokenKind::kGt;
        break;
      default: {
        // One whole UTF-8 character, so the error message quotes it intact.
        unsigned char u = static_cast<unsigned char>(c);
        len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
        if (i + len > s.size()) len = s.size() - i;
      }
    }
    add(k, start, len);
    i += len;
  }
  tokens.push_back({TokenKind::kEnd, "<EOF>", s.size()});
  return tokens;
}

bool IsKeyword(const Token& t, std::string_view upper) {
  if (t.kind != TokenKind::kIdentifier || t.text.size() != upper.size()) return false;
  for (size_t i = 0; i < upper.size(); ++i) {
    char c = t.text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

}  // namespace dodb
