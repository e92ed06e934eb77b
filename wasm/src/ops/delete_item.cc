// DeleteItem: removes the item with the given key (no error if there is none), if the
// condition (ConditionExpression or legacy Expected) holds. ReturnValues NONE | ALL_OLD.
#include "ops/delete_item.h"

#include "request/capacity.h"
#include "request/item_collection.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/stored_item.h"
#include "storage/table_catalog.h"
#include "request/write_condition.h"
#include "request/write_plan.h"
#include "request/write_response.h"

namespace dodb {
namespace {

constexpr auto kFields = ItemWriteFields(RequiredField("Key", Kind::AttributeMap));

}  // namespace

Status PlanDeleteItem(OperationContext& ctx, const JsonValue& request, bool always_read_old, WritePlan* plan) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  return PlanKeyedWrite(ctx, request, always_read_old, plan);
}

namespace ops {

Status DeleteItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  WritePlan plan;
  DODB_RETURN_IF_ERROR(PlanDeleteItem(ctx, request, false, &plan));
  if (plan.old_item || !plan.table.indexes.empty()) {
    CommitWrite(ctx.store, plan);
  } else {
    ctx.store.Delete(plan.key);  // not read: delete whatever is there
  }
  WriteSingleItemResponse(out, ctx.store, request, plan, ReturnedOldItem(request, plan));
  return Status::OK();
}

}  // namespace ops
}  // namespace dodb
