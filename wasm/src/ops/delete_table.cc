// DeleteTable: removes the table definition and all its items in this request (so the store
// is consistent when it returns) and answers with the description in status DELETING. Its
// stream, if any, is closed and stays readable for 24 hours (stream_log.h).
#include "request/operation.h"
#include "storage/stream_log.h"
#include "request/table_description.h"
#include "storage/table_catalog.h"
#include "ops/table_name_check.h"

namespace dodb::ops {

Status DeleteTable(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadNamedTable(ctx, request, &table));
  if (table.deletion_protection)
    return Status::Validation(
        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection "
        "first.");
  DisableStream(ctx.store, &table);  // its stream stays readable for 24 hours
  ctx.catalog.Drop(table);
  WriteKey(out, "TableDescription");
  WriteTableDescription(out, table, "DELETING");
  return Status::OK();
}

}  // namespace dodb::ops
