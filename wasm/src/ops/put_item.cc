// PutItem: validate the request and item, check the key against the table, check the
// condition (ConditionExpression or legacy Expected) against the current item, replace it.
// ReturnValues NONE | ALL_OLD.
#include "ops/put_item.h"

#include <algorithm>

#include "request/capacity.h"
#include "request/item_collection.h"
#include "request/write_plan.h"
#include "request/write_response.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "storage/item_writer.h"
#include "storage/secondary_index.h"
#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/stored_item.h"
#include "storage/table_catalog.h"
#include "request/write_condition.h"

namespace dodb::ops {

constexpr auto kFields = ItemWriteFields(RequiredField("Item", Kind::AttributeMap));

}  // namespace dodb::ops

namespace dodb {

Status PlanPutItem(OperationContext& ctx, const JsonValue& request, bool always_read_old, WritePlan* plan) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, ops::kFields));
  DODB_RETURN_IF_ERROR(CheckConditionParameters(request));
  AttributeMap item;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Item"], 1, &item));
  std::string_view return_values = StringOr(request, "ReturnValues", "NONE");
  if (return_values != "NONE" && return_values != "ALL_OLD")
    return Status::Validation("ReturnValues can only be ALL_OLD or NONE");
  plan->new_size = ItemSize(item);
  if (plan->new_size > kMaxItemBytes) return Status::Validation("Item size has exceeded the maximum allowed size");
  WriteCondition condition;
  DODB_RETURN_IF_ERROR(PrepareConditionOnly(request, &condition));

  TableInfo& table = plan->table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(request["TableName"]), &table));
  DODB_RETURN_IF_ERROR(CheckItemKey(table, item));
  DODB_RETURN_IF_ERROR(CheckIndexKeys(table, item, false));
  plan->key = ItemStorageKey(table, item);
  DODB_RETURN_IF_ERROR(CheckItemNotLocked(ctx, table, plan->key));
  // The old item matters only to a condition, ALL_OLD, index maintenance, a stream or capacity;
  // a plain put is one store write.
  bool needs_old = always_read_old || condition.condition || return_values == "ALL_OLD" || !table.indexes.empty() ||
                   table.stream_enabled || StringOr(request, "ReturnConsumedCapacity", "NONE") != "NONE";
  if (needs_old) DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, plan->key, &plan->old_item));
  DODB_RETURN_IF_ERROR(CheckWriteCondition(condition, plan->old_item ? &*plan->old_item : nullptr));
  plan->new_item = std::move(item);
  return Status::OK();
}

namespace ops {

Status PutItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  WritePlan plan;
  DODB_RETURN_IF_ERROR(PlanPutItem(ctx, request, false, &plan));
  CommitWrite(ctx.store, plan);
  WriteSingleItemResponse(out, ctx.store, request, plan, ReturnedOldItem(request, plan));
  return Status::OK();
}

}  // namespace ops
}  // namespace dodb
