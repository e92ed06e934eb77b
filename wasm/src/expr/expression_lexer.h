// expression_lexer.h: tokens of the DynamoDB expression languages. Keywords (AND, OR, NOT,
// BETWEEN, IN, SET, REMOVE, ADD, DELETE) are identifiers, matched case-insensitively by the parser.
// The token rules are DynamoDB's own grammar's (Tokens.g4, shipped in the DAX client: a name
// starts with a letter, so "_a" is the unknown token "_" then "a"; "-" is always minus; any other
// character, such as "$", is a token of its own that no rule accepts).
#ifndef DODB_EXPRESSION_LEXER_H_
#define DODB_EXPRESSION_LEXER_H_

#include <string_view>
#include <vector>

namespace dodb {

enum class TokenKind : uint8_t {
  kIdentifier,        // a bare attribute name or keyword: [A-Za-z][A-Za-z0-9_]*
  kNamePlaceholder,   // #name: '#' [A-Za-z0-9_]*
  kValuePlaceholder,  // :value: ':' [A-Za-z0-9_]*
  kNumber,            // a list index: "0" | [1-9][0-9]*
  kLParen, kRParen, kLBracket, kRBracket, kComma, kDot,
  kEq, kNe, kLt, kLe, kGt, kGe, kPlus, kMinus,
  kInvalid,           // a character that starts no token
  kEnd,
};

struct Token {
  TokenKind kind;
  std::string_view text;  // as written ("<EOF>" for kEnd)
  size_t offset;          // byte offset in the expression
};

// Splits text into tokens, ending with one kEnd token. Never fails: an unexpected character
// becomes a kInvalid token that the parser reports as a syntax error.
std::vector<Token> Tokenize(std::string_view text);

// Case-insensitive keyword test.
bool IsKeyword(const Token& t, std::string_view upper_keyword);

}  // namespace dodb

#endif  // DODB_EXPRESSION_LEXER_H_
