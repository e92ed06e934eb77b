// json.h: RapidJSON, configured once for the engine (no exceptions; asserts trap), plus the
// writer every operation writes its response with (json_writer.h: RapidJSON's output, faster).
#ifndef DODB_JSON_H_
#define DODB_JSON_H_

// RapidJSON's asserts guard misuse of its API; trap rather than continue (no stdio in wasm).
#ifndef RAPIDJSON_ASSERT
#define RAPIDJSON_ASSERT(x) ((x) ? (void)0 : __builtin_trap())
#endif
#ifndef RAPIDJSON_HAS_STDSTRING
#define RAPIDJSON_HAS_STDSTRING 1
#endif
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstring>
#include <string_view>

#include "util/json_writer.h"

namespace dodb {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;
using SizeType = rapidjson::SizeType;

inline std::string_view StringOf(const JsonValue& v) {
  return std::string_view(v.GetString(), v.GetStringLength());
}

inline void WriteString(JsonWriter& w, std::string_view s) { w.String(s); }

inline void WriteKey(JsonWriter& w, std::string_view s) { w.Key(s); }

// The value of obj's first member named name; nullptr if there is none. REQUIRES: obj.IsObject().
// What RapidJSON's FindMember(const char*) finds, at a fraction of its cost (no strlen, no
// temporary value, memcmp only on equal lengths): requests are looked up ~40 times each.
inline const JsonValue* FindMemberValue(const JsonValue& obj, std::string_view name) {
  for (auto m = obj.MemberBegin(), end = obj.MemberEnd(); m != end; ++m)
    if (m->name.GetStringLength() == name.size() && std::memcmp(m->name.GetString(), name.data(), name.size()) == 0)
      return &m->value;
  return nullptr;
}

// Looks up member name of an object; nullptr if absent or if the member is JSON null
// (DynamoDB treats an explicit null like a missing member).
inline const JsonValue* Member(const JsonValue& obj, std::string_view name) {
  const JsonValue* v = FindMemberValue(obj, name);
  return v && !v->IsNull() ? v : nullptr;
}

}  // namespace dodb

#endif  // DODB_JSON_H_
