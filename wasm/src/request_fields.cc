#include "request_fields.h"

namespace dodb {

Status RejectUnsupported(const JsonValue& request, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (Member(request, name))
      return Status::Validation(std::string(name) + " is not supported by do-dynamodb yet");
  return Status::OK();
}

std::string_view StringOr(const JsonValue& request, const char* name, std::string_view fallback) {
  const JsonValue* v = Member(request, name);
  return v && v->IsString() ? StringOf(*v) : fallback;
}

}  // namespace dodb
