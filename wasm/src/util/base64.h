// base64.h: standard base64 (RFC 4648, with padding), as DynamoDB's JSON carries B, BS values.
#ifndef DODB_BASE64_H_
#define DODB_BASE64_H_

#include <string>
#include <string_view>

namespace dodb {

std::string Base64Encode(std::string_view bytes);
// Returns false if text is not valid padded base64.
bool Base64Decode(std::string_view text, std::string* bytes);

}  // namespace dodb

#endif  // DODB_BASE64_H_
