// partiql_lexer.h: PartiQL statement text -> tokens. Unquoted identifiers and keywords are one
// kind (keywords are recognised by the parser, case-insensitively); "quoted identifiers" keep
// their case and may hold any character ("" is a quote); 'strings' likewise ('' is a quote).
// Comments: -- to the end of the line, /* ... */.
#ifndef DODB_PARTIQL_PARTIQL_LEXER_H_
#define DODB_PARTIQL_PARTIQL_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace dodb::partiql {

enum class TokenKind : uint8_t { kIdentifier, kQuotedIdentifier, kString, kNumber, kPunct, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // identifier or string characters (unescaped), number text, punctuation
  size_t offset = 0; // where it starts in the statement
};

// The tokens of text, ending with one kEnd. Fails with DynamoDB's "Statement wasn't well formed"
// ValidationException on an unterminated string, identifier or comment, or an unknown character.
Status Tokenize(std::string_view text, std::vector<Token>* tokens);

// s with ASCII letters in upper case (keywords, type and function names in messages).
std::string UpperAscii(std::string_view s);

// The ValidationException of a statement that does not parse: "Statement wasn't well formed,
// can't be processed: <detail>".
Status NotWellFormed(std::string_view detail);

}  // namespace dodb::partiql

#endif  // DODB_PARTIQL_PARTIQL_LEXER_H_
