#include "request/request_fields.h"

namespace dodb {

Status RejectUnsupported(const JsonValue& request, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (Member(request, name))
      return Status::Validation(std::string(name) + " is not supported by do-dynamodb yet");
  return Status::OK();
}

Status CheckRequestItemsTableNames(const JsonValue& request_items) {
  for (const auto& t : request_items.GetObject()) {
    std::string_view name = StringOf(t.name);
    if (name.size() >= 3 && name.size() <= 255 && IsValidName(name)) continue;
    std::string constraints;
    auto add = [&](const char* c) { constraints += (constraints.empty() ? "" : ", ") + std::string(c); };
    if (name.size() > 255) add("Member must have length less than or equal to 255");
    if (name.size() < 3) add("Member must have length greater than or equal to 3");
    if (!IsValidName(name)) add("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    return Status::Validation("1 validation error detected: Value '{" + std::string(name) +
                              "=...}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [" +
                              constraints + "]");
  }
  return Status::OK();
}

std::string_view StringOr(const JsonValue& request, const char* name, std::string_view fallback) {
  const JsonValue* v = Member(request, name);
  return v && v->IsString() ? StringOf(*v) : fallback;
}

uint32_t UintOr(const JsonValue& request, const char* name, uint32_t fallback) {
  const JsonValue* v = Member(request, name);
  return v && v->IsUint() ? v->GetUint() : fallback;
}

Status CheckNoMixedParameters(const JsonValue& request, std::initializer_list<const char*> legacy,
                              std::initializer_list<const char*> expressions) {
  auto present = [&](std::initializer_list<const char*> names) {
    std::string list;
    for (const char* n : names) {
      if (!Member(request, n)) continue;
      if (!list.empty()) list += ", ";
      list += n;
    }
    return list;
  };
  std::string l = present(legacy), e = present(expressions);
  if (l.empty() || e.empty()) return Status::OK();
  return Status::Validation(
      "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" +
      l + "} Expression parameters: {" + e + "}");
}

Status CheckPlaceholdersHaveExpressions(const JsonValue& request, std::initializer_list<const char*> name_users,
                                        std::initializer_list<const char*> value_users) {
  bool any_name_user = false;
  for (const char* n : name_users) any_name_user = any_name_user || Member(request, n);
  if (Member(request, "ExpressionAttributeNames") && !any_name_user)
    return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  bool any_value_user = false;
  std::string missing;
  for (const char* n : value_users) {
    if (Member(request, n)) {
      any_value_user = true;
      continue;
    }
    if (!missing.empty()) missing += " and ";
    missing += n;
  }
  if (Member(request, "ExpressionAttributeValues") && !any_value_user)
    return Status::Validation("ExpressionAttributeValues can only be specified when using expressions: " + missing +
                              (value_users.size() > 1 ? " are null" : " is null"));
  return Status::OK();
}

}  // namespace dodb
