#include "request/shard_guard.h"

#include "format/key_codec.h"
#include "storage/shard_split.h"

namespace dodb {
namespace {

Status StaleMap() {
  Status s = Status::ResourceNotFound("Requested resource not found");
  s.set_extra_json("\"@StaleMap\":true");
  return s;
}

Status CheckBucket(const OperationContext& ctx, const TableInfo& table, uint32_t bucket, bool write) {
  const SplitState& split = table.split;
  if (!ctx.from_router || ctx.unguarded || split.owned.empty()) return Status::OK();
  if (!split.Serves(bucket)) return StaleMap();
  if (write && split.phase == SplitPhase::kFenced && split.moving.Contains(bucket)) return StaleMap();
  return Status::OK();
}

}  // namespace

Status CheckServesKey(const OperationContext& ctx, const TableInfo& table, std::string_view item_key, bool write) {
  if (table.split.owned.empty()) return Status::OK();
  return CheckBucket(ctx, table, BucketOfItemKey(table, item_key), write);
}

Status CheckServesPartition(const OperationContext& ctx, const TableInfo& table, std::string_view partition) {
  if (table.split.owned.empty()) return Status::OK();
  return CheckBucket(ctx, table, BucketOfHash(PartitionHash(partition)), false);
}

Status CheckServesRange(const OperationContext& ctx, const TableInfo& table, const JsonValue& request) {
  if (!ctx.from_router || ctx.unguarded || table.split.owned.empty()) return Status::OK();
  const JsonValue* range = Member(request, "@Range");
  if (!range) return Status::OK();
  if (!range->IsArray() || range->Size() != 2 || !(*range)[0].IsUint() || !(*range)[1].IsUint()) return StaleMap();
  const BucketRange want{(*range)[0].GetUint(), (*range)[1].GetUint()};
  BucketRange held = table.split.owned[0];
  return want == held ? Status::OK() : StaleMap();
}

}  // namespace dodb
