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

#include <string_view>

#include "json_writer.h"

namespace dodb {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;
using SizeType = rapidjson::SizeType;

inline std::string_view StringOf(const JsonValue& v) {
  return std::string_view(v.GetString(), v.GetStringLength());
}

inline void WriteString(JsonWriter& w, std::string_view s) { w.String(s); }

inline void WriteKey(JsonWriter& w, std::string_view s) { w.Key(s); }

// Looks up member name of an object; nullptr if absent or if the member is JSON null
// (DynamoDB treats an explicit null like a missing member).
inline const JsonValue* Member(const JsonValue& obj, const char* name) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

}  // namespace dodb

#endif  // DODB_JSON_H_
