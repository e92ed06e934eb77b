// ListTables: table names in byte order, pages of Limit (default and maximum 100), with
// LastEvaluatedTableName only when more tables follow.
#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/table_catalog.h"

namespace dodb::ops {
namespace {

constexpr Field kFields[] = {
    Field{"ExclusiveStartTableName", Kind::String}.NamePattern().MinLength(3).MaxLength(255),
    Field{"Limit", Kind::Integer}.MinValue(1).MaxValue(100),
};

}  // namespace

Status ListTables(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  const JsonValue* limit_json = Member(request, "Limit");
  int limit = limit_json ? static_cast<int>(limit_json->GetDouble()) : 100;
  std::vector<std::string> names = ctx.catalog.ListNames(StringOr(request, "ExclusiveStartTableName", ""), limit + 1);
  bool more = static_cast<int>(names.size()) > limit;
  if (more) names.resize(limit);
  WriteKey(out, "TableNames");
  out.StartArray();
  for (const std::string& n : names) WriteString(out, n);
  out.EndArray();
  if (more) {
    WriteKey(out, "LastEvaluatedTableName");
    WriteString(out, names.back());
  }
  return Status::OK();
}

}  // namespace dodb::ops
