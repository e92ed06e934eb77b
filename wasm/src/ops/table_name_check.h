// table_name_check.h: TableName as the table operations check it. DescribeTable and DeleteTable:
// a missing name and a bad length get their own messages before the model's constraints (dynalite
// test/describeTable.js); CreateTable and UpdateTable: a missing name after the type checks.
#ifndef DODB_OPS_TABLE_NAME_CHECK_H_
#define DODB_OPS_TABLE_NAME_CHECK_H_

#include <string>

#include "util/json.h"
#include "request/request_fields.h"
#include "request/operation.h"
#include "request/validation.h"

namespace dodb::ops {

inline Status CheckRequiredTableName(const JsonValue& request, std::string* name) {
  static constexpr Field kFields[] = {kTableNameField};
  DODB_RETURN_IF_ERROR(CheckTypes(request, kFields, 1));
  const JsonValue* v = Member(request, "TableName");
  if (!v) return Status::Validation("The parameter 'TableName' is required but was not present in the request");
  if (v->GetStringLength() < 3 || v->GetStringLength() > 255)
    return Status::Validation("TableName must be at least 3 characters long and at most 255 characters long");
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  name->assign(StringOf(*v));
  return Status::OK();
}

// CheckRequiredTableName, then the table it names (ResourceNotFoundException naming it).
inline Status LoadNamedTable(OperationContext& ctx, const JsonValue& request, TableInfo* table) {
  std::string name;
  DODB_RETURN_IF_ERROR(CheckRequiredTableName(request, &name));
  return LoadTable(ctx, name, table, NotFoundWording::kTableOperation);
}

// ValidateRequest, with "The parameter 'TableName' is required ..." between the type checks and
// the model's constraints.
template <size_t N>
Status ValidateTableRequest(const JsonValue& request, const Field (&fields)[N]) {
  DODB_RETURN_IF_ERROR(CheckTypes(request, fields, N));
  if (!Member(request, "TableName"))
    return Status::Validation("The parameter 'TableName' is required but was not present in the request");
  ConstraintErrors errors;
  CheckConstraints(request, fields, N, "", &errors);
  return errors.ToStatus();
}

}  // namespace dodb::ops

#endif  // DODB_OPS_TABLE_NAME_CHECK_H_
