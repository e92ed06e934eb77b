#include "request/write_plan.h"

#include "format/item_codec.h"
#include "request/request_fields.h"
#include "request/shard_guard.h"
#include "request/write_condition.h"
#include "storage/item_key.h"
#include "storage/item_writer.h"
#include "storage/stored_item.h"

namespace dodb {

void CommitWrite(Store& store, const WritePlan& plan) {
  if (!plan.writes) return;
  WriteItem(store, plan.table, plan.key, plan.old_item ? &*plan.old_item : nullptr,
            plan.new_item ? &*plan.new_item : nullptr);
}

Status CheckItemNotLocked(const OperationContext& ctx, const TableInfo& table, std::string_view item_key) {
  DODB_RETURN_IF_ERROR(CheckServesKey(ctx, table, item_key, true));
  if (!ctx.locks) return Status::OK();
  std::optional<LockHolder> holder = ctx.locks->BeforeWrite(item_key, ctx.txn);
  if (!holder) return Status::OK();
  Status s = Status::ItemInTransaction();
  if (ctx.from_router && holder->expires_ms <= ctx.store.NowMs()) s.set_extra_json("\"@StaleTransaction\":\"" + holder->txn + "\"");
  return s;
}

Status PlanKeyedWrite(OperationContext& ctx, const JsonValue& request, bool always_read_old, WritePlan* plan) {
  DODB_RETURN_IF_ERROR(CheckConditionParameters(request));
  AttributeMap key;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Key"], 1, &key));
  std::string_view return_values = StringOr(request, "ReturnValues", "NONE");
  if (return_values != "NONE" && return_values != "ALL_OLD")
    return Status::Validation("ReturnValues can only be ALL_OLD or NONE");
  WriteCondition condition;
  DODB_RETURN_IF_ERROR(PrepareConditionOnly(request, &condition));

  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(request["TableName"]), &plan->table));
  DODB_RETURN_IF_ERROR(CheckRequestKey(plan->table, key));
  plan->key = ItemStorageKey(plan->table, key);
  DODB_RETURN_IF_ERROR(CheckItemNotLocked(ctx, plan->table, plan->key));
  // The old item matters only to a condition, ALL_OLD, index maintenance, a stream or capacity;
  // a plain delete is one store delete.
  bool needs_old = always_read_old || condition.condition || return_values == "ALL_OLD" ||
                   !plan->table.indexes.empty() || plan->table.stream_enabled ||
                   StringOr(request, "ReturnConsumedCapacity", "NONE") != "NONE";
  if (needs_old) DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, plan->key, &plan->old_item));
  return CheckWriteCondition(condition, plan->old_item ? &*plan->old_item : nullptr);
}

}  // namespace dodb
