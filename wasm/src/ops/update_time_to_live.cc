// UpdateTimeToLive / DescribeTimeToLive: Time to Live on one attribute of a table. Expired items
// (the attribute is a number of epoch seconds in the past) stay readable until a sweep deletes
// them (maintenance.h, run by the Durable Object's alarm every minute), as in DynamoDB.
#include "storage/maintenance.h"
#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/table_catalog.h"

namespace dodb::ops {
namespace {

constexpr Field kSpecMembers[] = {
    RequiredField("Enabled", Kind::Boolean),
    RequiredField("AttributeName", Kind::String).MinLength(1).MaxLength(255),
};
const Field kUpdateFields[] = {
    kTableNameField,
    StructField("TimeToLiveSpecification", Kind::Struct, kSpecMembers, "TimeToLiveSpecification", true),
};
const Field kDescribeFields[] = {kTableNameField};

}  // namespace

Status UpdateTimeToLive(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kUpdateFields));
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(request["TableName"]), &table, NotFoundWording::kTableOperation));
  const JsonValue& spec = request["TimeToLiveSpecification"];
  bool enable = spec["Enabled"].GetBool();
  std::string attribute(StringOf(spec["AttributeName"]));
  if (enable && table.ttl_enabled) {
    if (attribute != table.ttl_attribute)
      return Status::Validation("TimeToLive is active on a different AttributeName: current AttributeName is " +
                                table.ttl_attribute);
    return Status::Validation("TimeToLive is already enabled");
  }
  if (!enable && !table.ttl_enabled) return Status::Validation("TimeToLive is already disabled");
  if (!enable && attribute != table.ttl_attribute)
    return Status::Validation("TimeToLive is active on a different AttributeName: current AttributeName is " +
                              table.ttl_attribute);
  table.ttl_enabled = enable;
  table.ttl_attribute = attribute;
  table.ttl_cursor.clear();
  table.ttl_next_sweep_ms = 0;  // the first sweep is due at once
  ctx.catalog.Save(table);
  if (enable) RequestMaintenance(ctx.store, table.name);
  WriteKey(out, "TimeToLiveSpecification");
  out.StartObject();
  WriteKey(out, "Enabled");
  out.Bool(enable);
  WriteKey(out, "AttributeName");
  WriteString(out, attribute);
  out.EndObject();
  return Status::OK();
}

Status DescribeTimeToLive(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kDescribeFields));
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(request["TableName"]), &table, NotFoundWording::kTableOperation));
  WriteKey(out, "TimeToLiveDescription");
  out.StartObject();
  WriteKey(out, "TimeToLiveStatus");
  out.String(table.ttl_enabled ? "ENABLED" : "DISABLED");
  if (table.ttl_enabled) {
    WriteKey(out, "AttributeName");
    WriteString(out, table.ttl_attribute);
  }
  out.EndObject();
  return Status::OK();
}

}  // namespace dodb::ops
