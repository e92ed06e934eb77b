// DescribeContinuousBackups / UpdateContinuousBackups: point-in-time recovery (PITR) settings of
// a table, kept in its catalog entry. The data itself is kept by Durable Object storage, which
// can restore the whole object to any moment of the last 30 days (README: "Backups and
// point-in-time recovery"); RestoreTableToPointInTime is not an engine operation.
// A table starts with continuous backups DISABLED and reports ENABLED while PITR is on
// (scylladb test/alternator/test_backup.py records DynamoDB's DISABLED description).
#include <algorithm>

#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/table_catalog.h"

namespace dodb::ops {
namespace {

constexpr double kSecondsPerDay = 86400;
constexpr int64_t kDefaultRecoveryDays = 35;

constexpr Field kSpecMembers[] = {
    RequiredField("PointInTimeRecoveryEnabled", Kind::Boolean),
    Field{"RecoveryPeriodInDays", Kind::Integer}.MinValue(1).MaxValue(35),
};
const Field kUpdateFields[] = {
    kTableNameField,
    StructField("PointInTimeRecoverySpecification", Kind::Struct, kSpecMembers, "PointInTimeRecoverySpecification",
                true),
};
const Field kDescribeFields[] = {kTableNameField};

Status LoadForBackups(OperationContext& ctx, const JsonValue& request, TableInfo* table) {
  std::string name(StringOf(request["TableName"]));
  if (!ctx.catalog.Load(name, table)) return Status::TableNotFound("Table not found: " + name);
  return Status::OK();
}

void WriteDescription(JsonWriter& out, const TableInfo& table, double now_seconds) {
  WriteKey(out, "ContinuousBackupsDescription");
  out.StartObject();
  WriteKey(out, "ContinuousBackupsStatus");
  out.String(table.pitr_enabled ? "ENABLED" : "DISABLED");
  WriteKey(out, "PointInTimeRecoveryDescription");
  out.StartObject();
  WriteKey(out, "PointInTimeRecoveryStatus");
  out.String(table.pitr_enabled ? "ENABLED" : "DISABLED");
  if (table.pitr_enabled) {
    // Restorable from when PITR was turned on, for at most RecoveryPeriodInDays.
    double earliest = std::max(table.pitr_since, now_seconds - table.pitr_days * kSecondsPerDay);
    WriteKey(out, "RecoveryPeriodInDays");
    out.Int64(table.pitr_days);
    WriteKey(out, "EarliestRestorableDateTime");
    out.Double(earliest);
    WriteKey(out, "LatestRestorableDateTime");
    out.Double(now_seconds);
  }
  out.EndObject();
  out.EndObject();
}

double NowSeconds(OperationContext& ctx) { return static_cast<double>(static_cast<int64_t>(ctx.store.NowMs())) / 1000; }

}  // namespace

Status UpdateContinuousBackups(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kUpdateFields));
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadForBackups(ctx, request, &table));
  const JsonValue& spec = request["PointInTimeRecoverySpecification"];
  bool enable = spec["PointInTimeRecoveryEnabled"].GetBool();
  const JsonValue* days = Member(spec, "RecoveryPeriodInDays");
  if (enable && !table.pitr_enabled) table.pitr_since = NowSeconds(ctx);
  table.pitr_enabled = enable;
  if (enable) table.pitr_days = days ? IntegerOf(*days) : (table.pitr_days ? table.pitr_days : kDefaultRecoveryDays);
  ctx.catalog.Save(table);
  WriteDescription(out, table, NowSeconds(ctx));
  return Status::OK();
}

Status DescribeContinuousBackups(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kDescribeFields));
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadForBackups(ctx, request, &table));
  WriteDescription(out, table, NowSeconds(ctx));
  return Status::OK();
}

}  // namespace dodb::ops
