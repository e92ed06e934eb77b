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

}  // namespace dodb
