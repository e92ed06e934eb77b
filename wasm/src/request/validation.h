// validation.h: request checking in DynamoDB's two front stages, driven by a declarative shape
// of each operation's parameters (as dynalite's validations/ and the AWS model declare them).
//   1. CheckTypes: JSON types, as DynamoDB's deserializer reports them (SerializationException,
//      first offence wins). AttributeValues are type-checked all the way down here.
//   2. CheckConstraints: the model's constraints (not null, pattern, length, range, enum),
//      collected as "N validation errors detected: ...; ..." (at most 10), ValidationException.
// Operation-specific (semantic) checks come after both, in the operation's own file.
#ifndef DODB_VALIDATION_H_
#define DODB_VALIDATION_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"
#include "util/status.h"

namespace dodb {

enum class Kind : uint8_t {
  String,
  Integer,
  Long,
  Boolean,
  AttributeMap,   // {"name": AttributeValue}
  StringList,     // ["a", ...]
  Struct,         // {member: ...} described by Field::members
  StructList,     // [{...}, ...] each described by Field::members
  StringMap,      // {"k": "v"}
  AttributeValue, // one AttributeValue
  AttributeValueList,  // [AttributeValue, ...]
  StructMap,      // {"k": {...}} each value described by Field::members
};

struct Field {
  std::string_view name;  // wire name, e.g. "TableName"
  Kind kind;
  // Constraints, as in the AWS model.
  bool not_null = false;
  bool name_pattern = false;  // [a-zA-Z0-9_.-]+ (table and index names)
  int64_t min_length = -1;    // strings: characters; lists and maps: entries
  int64_t max_length = -1;
  int64_t min_value = std::numeric_limits<int64_t>::min();
  int64_t max_value = std::numeric_limits<int64_t>::max();
  std::string_view enum_values;  // "[HASH, RANGE]" as DynamoDB prints it; empty if none
  // Struct and StructList: the members, and the Java class name in error messages.
  const Field* members = nullptr;
  size_t member_count = 0;
  std::string_view struct_name;

  // Constraints declared in line: Field{"Limit", Kind::Integer}.MinValue(1).MaxValue(100).
  constexpr Field Required(bool required = true) const { Field f = *this; f.not_null = required; return f; }
  constexpr Field NamePattern() const { Field f = *this; f.name_pattern = true; return f; }
  constexpr Field MinLength(int64_t n) const { Field f = *this; f.min_length = n; return f; }
  constexpr Field MaxLength(int64_t n) const { Field f = *this; f.max_length = n; return f; }
  constexpr Field MinValue(int64_t v) const { Field f = *this; f.min_value = v; return f; }
  constexpr Field MaxValue(int64_t v) const { Field f = *this; f.max_value = v; return f; }
  constexpr Field Enum(std::string_view values) const { Field f = *this; f.enum_values = values; return f; }
};

template <size_t N>
constexpr Field StructField(std::string_view name, Kind kind, const Field (&members)[N],
                            std::string_view struct_name, bool not_null = false) {
  Field f{name, kind};
  f.not_null = not_null;
  f.members = members;
  f.member_count = N;
  f.struct_name = struct_name;
  return f;
}

// Collects constraint violations in DynamoDB's format.
class ConstraintErrors {
 public:
  void Add(std::string_view value_display, std::string_view path, std::string_view constraint);
  bool empty() const { return messages_.empty(); }
  Status ToStatus() const;

 private:
  std::vector<std::string> messages_;
  int count_ = 0;
};

Status CheckTypes(const JsonValue& request, const Field* fields, size_t count);
void CheckConstraints(const JsonValue& request, const Field* fields, size_t count,
                      std::string_view path_prefix, ConstraintErrors* errors);

// Both stages for a whole request.
inline Status ValidateRequest(const JsonValue& request, const Field* fields, size_t count) {
  DODB_RETURN_IF_ERROR(CheckTypes(request, fields, count));
  ConstraintErrors errors;
  CheckConstraints(request, fields, count, "", &errors);
  return errors.ToStatus();
}
template <size_t N>
Status ValidateRequest(const JsonValue& request, const Field (&fields)[N]) {
  return ValidateRequest(request, fields, N);
}
template <size_t N>
Status ValidateRequest(const JsonValue& request, const std::array<Field, N>& fields) {
  return ValidateRequest(request, fields.data(), N);
}

// Type check of one wire AttributeValue and everything nested in it.
Status CheckAttributeValueTypes(const JsonValue& value);

// The value of an Integer/Long request member that passed CheckTypes (a JSON number): decimals
// floored (as dynalite does), values beyond int64 saturated. Never call GetInt64() on request
// numbers: RapidJSON asserts (a trap in wasm) on a decimal or on one above INT64_MAX.
int64_t IntegerOf(const JsonValue& v);

// True if s matches [a-zA-Z0-9_.-]+.
bool IsValidName(std::string_view s);

}  // namespace dodb

#endif  // DODB_VALIDATION_H_
