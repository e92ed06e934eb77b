// item_codec.h: the compact binary form items are stored in (docs/FORMATS.md).
//
//   item   := version(0x01) count:varint attribute*
//   attribute := name_len:varint name value
//   value  := tag:u8 payload, tag = ValueType (attribute_value.h)
//     S, N, B      len:varint bytes        (N as canonical decimal text)
//     BOOL         u8 0 | 1
//     NULL         (nothing)
//     M            count:varint attribute*
//     L            count:varint value*
//     SS, NS, BS   count:varint (len:varint bytes)*
// varint = unsigned LEB128. Attributes are stored sorted by name.
#ifndef DODB_ITEM_CODEC_H_
#define DODB_ITEM_CODEC_H_

#include <string>
#include <string_view>

#include "format/attribute_value.h"

namespace dodb {

std::string EncodeItem(const AttributeMap& item);
// Returns false if bytes are not a well-formed encoding.
bool DecodeItem(std::string_view bytes, AttributeMap* item);

// The item's size as DynamoDB counts it against the 400 KB limit and for capacity units:
// attribute names (UTF-8 bytes) plus value sizes.
size_t ItemSize(const AttributeMap& item);
// DynamoDB's largest item, in ItemSize bytes.
inline constexpr size_t kMaxItemBytes = 400 * 1024;
size_t AttributeValueSize(const AttributeValue& v);

// Writes the stored item bytes as wire JSON, exactly as DecodeItem + WriteAttributeMap would, and
// sets *item_size to its ItemSize, without building the AttributeMap (a Query page's items go
// from the store to the response this way). w may be nullptr (size only). Returns false, having
// written part of the item, where DecodeItem would return false.
bool WriteStoredItem(std::string_view bytes, JsonWriter* w, size_t* item_size);

}  // namespace dodb

#endif  // DODB_ITEM_CODEC_H_
