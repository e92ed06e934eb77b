// attribute_value.h: DynamoDB's typed data model, parsed once from the wire JSON.
// An AttributeValue holds exactly one of the ten types; numbers are kept as their canonical
// decimal text (number.h), binaries as raw bytes (base64 only on the wire).
#ifndef DODB_ATTRIBUTE_VALUE_H_
#define DODB_ATTRIBUTE_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/json.h"
#include "util/status.h"

namespace dodb {

// The values are the tags of the binary item format (docs/FORMATS.md): do not renumber.
enum class ValueType : uint8_t { S = 1, N = 2, B = 3, BOOL = 4, NUL = 5, M = 6, L = 7, SS = 8, NS = 9, BS = 10 };

// The wire name of a type: "S", "N", ..., "NULL", "BS".
std::string_view TypeName(ValueType type);

struct AttributeValue;
struct Attribute;
// Attributes sorted by name, names unique. Used for items and M values.
using AttributeMap = std::vector<Attribute>;

struct AttributeValue {
  ValueType type = ValueType::NUL;
  bool boolean = false;          // BOOL
  std::string scalar;            // S (UTF-8), N (canonical text), B (raw bytes)
  std::vector<std::string> set;  // SS, NS (canonical), BS (raw): unique members, in input order
  std::vector<AttributeValue> list;  // L
  AttributeMap map;                  // M

  // An S, N (canonical text) or B (raw bytes) value.
  static AttributeValue Scalar(ValueType t, std::string s);
  bool operator==(const AttributeValue& other) const;
};

struct Attribute {
  std::string name;
  AttributeValue value;
  bool operator==(const Attribute& o) const { return name == o.name && value == o.value; }
};

inline AttributeValue AttributeValue::Scalar(ValueType t, std::string s) {
  AttributeValue v;
  v.type = t;
  v.scalar = std::move(s);
  return v;
}

// Finds name in a sorted AttributeMap; nullptr if absent.
const AttributeValue* FindAttribute(const AttributeMap& map, std::string_view name);

// Decodes one wire AttributeValue ({"S": "x"}, {"M": {...}}, ...) with DynamoDB's validation
// and messages. depth counts enclosing M/L levels (the item's attributes are at depth 1).
Status DecodeAttributeValue(const JsonValue& json, int depth, AttributeValue* out);

// Decodes a wire attribute map ({"name": AttributeValue, ...}), e.g. an Item or a Key.
Status DecodeAttributeMap(const JsonValue& json, int depth, AttributeMap* out);

void WriteAttributeValue(JsonWriter& w, const AttributeValue& v);
void WriteAttributeMap(JsonWriter& w, const AttributeMap& map);

}  // namespace dodb

#endif  // DODB_ATTRIBUTE_VALUE_H_
