// key_codec.h: order-preserving binary encoding of key values (S, N, B), so that DynamoDB's
// key order is memcmp order of the encodings and a sort-key range is a byte range.
//
// Format (docs/FORMATS.md): every encoding is self-delimiting, so components concatenate.
//   S, B: the bytes with 0x00 escaped as 0x00 0xFF, then a 0x00 0x01 terminator.
//   N:    0x01 negative | 0x02 zero | 0x03 positive; then, for non-zero values,
//         one exponent byte (exponent + 129, exponent in -129..126) and base-100 mantissa bytes
//         (pair value X as 2X+1, the last pair as 2X); for negatives the exponent and mantissa
//         bytes are complemented (255 - b) so larger magnitudes sort first.
#ifndef DODB_KEY_CODEC_H_
#define DODB_KEY_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "format/attribute_value.h"

namespace dodb {

// Appends the encoding of v (which must be S, N or B) to *out.
void AppendKeyValue(const AttributeValue& v, std::string* out);

// Appends the encoding of an S or B value without its terminator: the encodings of exactly
// the values that begin with v start with it (begins_with ranges).
void AppendKeyPrefix(const AttributeValue& v, std::string* out);

// The 32-bit FNV-1a hash of an encoded partition key (the concatenated AppendKeyValue encodings
// of its attributes). Parallel Scan segments and table shards split this hash space into equal
// ranges. Stored nowhere, but shard maps depend on it: do not change it.
inline uint32_t PartitionHash(std::string_view encoded_partition_key) {
  uint32_t h = 2166136261u;
  for (char c : encoded_partition_key) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// Decodes one key value of the given type from the front of *in, advancing it.
// Returns false on malformed input.
bool ReadKeyValue(ValueType type, std::string_view* in, AttributeValue* out);

}  // namespace dodb

#endif  // DODB_KEY_CODEC_H_
