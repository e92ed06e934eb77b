// reserved_words.h: DynamoDB's reserved words for expressions.
#ifndef DODB_RESERVED_WORDS_H_
#define DODB_RESERVED_WORDS_H_

#include <string_view>

namespace dodb {

// True if word (any case) is one of DynamoDB's reserved words.
bool IsReservedWord(std::string_view word);

}  // namespace dodb

#endif  // DODB_RESERVED_WORDS_H_
