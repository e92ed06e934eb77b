// DescribeTable: the table's description, or ResourceNotFoundException naming the table.
// "@DescribeTableDefinition" (internal; js/do/declared-tables.ts compares declarations with it):
// the same description plus "TimeToLiveAttribute" (when Time to Live is enabled), and no
// statistics refresh, so it writes nothing.
#include "storage/maintenance.h"
#include "request/operation.h"
#include "request/table_description.h"
#include "storage/table_catalog.h"
#include "ops/table_name_check.h"

namespace dodb::ops {

Status DescribeTable(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadNamedTable(ctx, request, &table));
  // Statistics (ItemCount, sizes) are refreshed in the background when six hours old.
  if (RequestStatisticsIfStale(ctx.store, &table)) ctx.catalog.Save(table);
  WriteKey(out, "Table");
  WriteTableDescription(out, table, TableStatusOf(table));
  return Status::OK();
}

Status DescribeTableDefinition(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadNamedTable(ctx, request, &table));
  WriteKey(out, "Table");
  WriteTableDescription(out, table, TableStatusOf(table));
  if (table.ttl_enabled) {
    WriteKey(out, "TimeToLiveAttribute");
    WriteString(out, table.ttl_attribute);
  }
  return Status::OK();
}

}  // namespace dodb::ops
