#include "format/attribute_value.h"

#include <algorithm>

#include "util/base64.h"
#include "util/cold.h"
#include "util/number.h"

namespace dodb {
namespace {

constexpr int kMaxDepth = 32;

struct TypeEntry {
  const char* name;
  ValueType type;
};
constexpr TypeEntry kTypes[] = {
    {"S", ValueType::S},   {"N", ValueType::N},       {"B", ValueType::B},   {"BOOL", ValueType::BOOL},
    {"NULL", ValueType::NUL}, {"M", ValueType::M},    {"L", ValueType::L},   {"SS", ValueType::SS},
    {"NS", ValueType::NS}, {"BS", ValueType::BS},
};

// Types were checked by CheckTypes (validation.h) before decoding; these are safety nets.
DODB_COLD Status NotDecodable() { return Status::Serialization("Unexpected value type in payload"); }

Status DecodeBinary(const JsonValue& v, std::string* out) {
  if (!v.IsString() || !Base64Decode(StringOf(v), out)) return NotDecodable();
  return Status::OK();
}

DODB_COLD std::string SetDisplay(const std::vector<std::string>& members) {
  std::string s = "[";
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) s += ", ";
    s += members[i];
  }
  return s + "]";
}

Status DecodeSet(const JsonValue& v, ValueType type, AttributeValue* out) {
  if (!v.IsArray()) return NotDecodable();
  if (v.Empty()) {
    if (type == ValueType::BS)
      return Status::Validation("One or more parameter values were invalid: Binary sets should not be empty");
    return Status::Validation(std::string("One or more parameter values were invalid: An ") +
                              (type == ValueType::SS ? "string" : "number") + " set  may not be empty");
  }
  std::vector<std::string> wire;  // as sent, for the duplicates message
  for (const JsonValue& m : v.GetArray()) {
    std::string member;
    if (!m.IsString()) return NotDecodable();
    if (type == ValueType::BS) {
      DODB_RETURN_IF_ERROR(DecodeBinary(m, &member));
    } else if (type == ValueType::NS) {
      DODB_RETURN_IF_ERROR(CanonicalNumber(StringOf(m), &member));
    } else {
      member.assign(StringOf(m));
    }
    wire.emplace_back(StringOf(m));
    out->set.push_back(std::move(member));
  }
  std::vector<std::string> sorted = out->set;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) return Status::OK();
  // Messages as recorded from DynamoDB (dynalite test/putItem.js), spacing included.
  if (type == ValueType::NS) return Status::ItemValidation("Input collection contains duplicates");
  return Status::ItemValidation("One or more parameter values were invalid: Input collection " + SetDisplay(wire) +
                            (type == ValueType::BS ? "of type BS contains duplicates." : " contains duplicates."));
}

}  // namespace

std::string_view TypeName(ValueType type) {
  for (const TypeEntry& e : kTypes)
    if (e.type == type) return e.name;
  return "?";
}

bool AttributeValue::operator==(const AttributeValue& o) const {
  if (type != o.type) return false;
  switch (type) {
    case ValueType::S:
    case ValueType::N:
    case ValueType::B: return scalar == o.scalar;
    case ValueType::BOOL: return boolean == o.boolean;
    case ValueType::NUL: return true;
    case ValueType::L: return list == o.list;
    case ValueType::M: return map == o.map;
    case ValueType::SS:
    case ValueType::NS:
    case ValueType::BS: {
      if (set.size() != o.set.size()) return false;
      std::vector<std::string> a = set, b = o.set;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      return a == b;
    }
  }
  return false;
}

const AttributeValue* FindAttribute(const AttributeMap& map, std::string_view name) {
  auto it = std::lower_bound(map.begin(), map.end(), name,
                             [](const Attribute& a, std::string_view n) { return a.name < n; });
  if (it == map.end() || it->name != name) return nullptr;
  return &it->value;
}

static Status DecodeOneType(const JsonValue& v, ValueType type, int depth, AttributeValue* out) {
  *out = AttributeValue();
  out->type = type;
  switch (type) {
    case ValueType::S:
      if (!v.IsString()) return NotDecodable();
      out->scalar.assign(StringOf(v));
      return Status::OK();
    case ValueType::N:
      if (!v.IsString()) return NotDecodable();
      return CanonicalNumber(StringOf(v), &out->scalar);
    case ValueType::B:
      return DecodeBinary(v, &out->scalar);
    case ValueType::BOOL:
      if (!v.IsBool()) return NotDecodable();
      out->boolean = v.GetBool();
      return Status::OK();
    case ValueType::NUL:
      if (!v.IsBool()) return NotDecodable();
      if (!v.GetBool())
        return Status::Validation(
            "One or more parameter values were invalid: Null attribute value types must have the value of true");
      return Status::OK();
    case ValueType::M:
      return DecodeAttributeMap(v, depth + 1, &out->map);
    case ValueType::L:
      if (!v.IsArray()) return NotDecodable();
      for (const JsonValue& e : v.GetArray()) {
        AttributeValue element;
        DODB_RETURN_IF_ERROR(DecodeAttributeValue(e, depth + 1, &element));
        out->list.push_back(std::move(element));
      }
      return Status::OK();
    case ValueType::SS:
    case ValueType::NS:
    case ValueType::BS:
      return DecodeSet(v, type, out);
  }
  return Status::OK();
}

Status DecodeAttributeValue(const JsonValue& json, int depth, AttributeValue* out) {
  if (!json.IsObject()) return NotDecodable();
  if (depth > kMaxDepth)
    return Status::Validation(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond "
        "supported limit");
  // Each member's content is validated before the one-type rule (dynalite test/putItem.js:204).
  int count = 0;
  for (const auto& m : json.GetObject()) {
    std::string_view key = StringOf(m.name);
    const TypeEntry* entry = nullptr;
    for (const TypeEntry& e : kTypes)
      if (key == e.name) entry = &e;
    if (!entry || m.value.IsNull()) continue;  // unknown members and nulls are ignored
    AttributeValue decoded;
    DODB_RETURN_IF_ERROR(DecodeOneType(m.value, entry->type, depth, &decoded));
    if (count++ == 0) *out = std::move(decoded);
  }
  if (count == 0)
    return Status::Validation(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  if (count > 1)
    return Status::Validation(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  return Status::OK();
}

Status DecodeAttributeMap(const JsonValue& json, int depth, AttributeMap* out) {
  if (!json.IsObject()) return NotDecodable();
  // Sort the members' names first (cheap views), then decode each value straight into its
  // sorted place. For a name given twice the last one wins, as with a JSON object decoder.
  struct Member {
    std::string_view name;
    const JsonValue* value;
  };
  std::vector<Member> members;
  members.reserve(json.MemberCount());
  for (const auto& m : json.GetObject())
    if (!m.value.IsNull()) members.push_back(Member{StringOf(m.name), &m.value});
  bool sorted = true;
  for (size_t i = 1; i < members.size() && sorted; ++i) sorted = members[i - 1].name < members[i].name;
  if (!sorted)
    std::stable_sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
  out->clear();
  out->reserve(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    if (i + 1 < members.size() && members[i + 1].name == members[i].name) continue;  // a later duplicate wins
    out->emplace_back();
    Attribute& a = out->back();
    a.name.assign(members[i].name);
    DODB_RETURN_IF_ERROR(DecodeAttributeValue(*members[i].value, depth, &a.value));
  }
  return Status::OK();
}

void WriteAttributeValue(JsonWriter& w, const AttributeValue& v) {
  w.StartObject();
  WriteKey(w, TypeName(v.type));
  switch (v.type) {
    case ValueType::S:
    case ValueType::N: WriteString(w, v.scalar); break;
    case ValueType::B: WriteString(w, Base64Encode(v.scalar)); break;
    case ValueType::BOOL: w.Bool(v.boolean); break;
    case ValueType::NUL: w.Bool(true); break;
    case ValueType::M: WriteAttributeMap(w, v.map); break;
    case ValueType::L:
      w.StartArray();
      for (const AttributeValue& e : v.list) WriteAttributeValue(w, e);
      w.EndArray();
      break;
    case ValueType::SS:
    case ValueType::NS:
    case ValueType::BS:
      w.StartArray();
      for (const std::string& m : v.set) WriteString(w, v.type == ValueType::BS ? Base64Encode(m) : m);
      w.EndArray();
      break;
  }
  w.EndObject();
}

void WriteAttributeMap(JsonWriter& w, const AttributeMap& map) {
  w.StartObject();
  for (const Attribute& a : map) {
    WriteKey(w, a.name);
    WriteAttributeValue(w, a.value);
  }
  w.EndObject();
}

}  // namespace dodb
