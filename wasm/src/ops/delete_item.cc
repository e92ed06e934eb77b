// DeleteItem: removes the item with the given key (no error if there is none), if the
// condition (ConditionExpression or legacy Expected) holds. ReturnValues NONE | ALL_OLD.
// Also the ConditionCheck action of TransactWriteItems (a condition on an item, no write).
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

namespace dodb {
namespace {

constexpr Field kFields[] = {
    kReturnConsumedCapacityField,
    kTableNameField,
    RequiredField("Key", Kind::AttributeMap),
    kReturnValuesField,
    kReturnItemCollectionMetricsField,
    kConditionalOperatorField,
    kExpectedField,
    Field{"ConditionExpression", Kind::String},
    Field{"ExpressionAttributeNames", Kind::StringMap},
    Field{"ExpressionAttributeValues", Kind::AttributeMap},
    EnumField("ReturnValuesOnConditionCheckFailure", "[ALL_OLD, NONE]"),
};

constexpr Field kConditionCheckFields[] = {
    kTableNameField,
    RequiredField("Key", Kind::AttributeMap),
    RequiredField("ConditionExpression", Kind::String),
    Field{"ExpressionAttributeNames", Kind::StringMap},
    Field{"ExpressionAttributeValues", Kind::AttributeMap},
    EnumField("ReturnValuesOnConditionCheckFailure", "[ALL_OLD, NONE]"),
};

// Shared by DeleteItem and ConditionCheck: key, condition, table, current item.
template <size_t N>
Status PlanKeyedCondition(OperationContext& ctx, const JsonValue& request, const Field (&fields)[N],
                          bool always_read_old, WritePlan* plan) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, fields));
  DODB_RETURN_IF_ERROR(CheckNoMixedParameters(request, {"Expected", "ConditionalOperator"}, {"ConditionExpression"}));
  DODB_RETURN_IF_ERROR(CheckPlaceholdersHaveExpressions(request, {"ConditionExpression"}, {"ConditionExpression"}));
  AttributeMap key;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Key"], 1, &key));
  std::string_view return_values = StringOr(request, "ReturnValues", "NONE");
  if (return_values != "NONE" && return_values != "ALL_OLD")
    return Status::Validation("ReturnValues can only be ALL_OLD or NONE");
  ExpressionContext expressions;
  DODB_RETURN_IF_ERROR(expressions.Init(request));
  WriteCondition condition;
  DODB_RETURN_IF_ERROR(PrepareWriteCondition(request, &expressions, &condition));
  DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());

  if (!ctx.catalog.Load(StringOf(request["TableName"]), &plan->table))
    return Status::ResourceNotFound("Requested resource not found");
  DODB_RETURN_IF_ERROR(CheckRequestKey(plan->table, key));
  plan->key = ItemStorageKey(plan->table, key);
  // The old item matters only to a condition, ALL_OLD, index maintenance, a stream or capacity;
  // a plain delete is one store delete.
  bool needs_old = always_read_old || condition.condition || return_values == "ALL_OLD" ||
                   !plan->table.indexes.empty() || plan->table.stream_enabled ||
                   StringOr(request, "ReturnConsumedCapacity", "NONE") != "NONE";
  if (needs_old) DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, plan->key, &plan->old_item));
  return CheckWriteCondition(condition, plan->old_item ? &*plan->old_item : nullptr);
}

}  // namespace

Status PlanDeleteItem(OperationContext& ctx, const JsonValue& request, bool always_read_old, WritePlan* plan) {
  return PlanKeyedCondition(ctx, request, kFields, always_read_old, plan);
}

Status PlanConditionCheck(OperationContext& ctx, const JsonValue& request, WritePlan* plan) {
  plan->writes = false;
  return PlanKeyedCondition(ctx, request, kConditionCheckFields, true, plan);
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
  if (plan.old_item && StringOr(request, "ReturnValues", "NONE") == "ALL_OLD") {
    WriteKey(out, "Attributes");
    WriteAttributeMap(out, *plan.old_item);
  }
  WriteConsumedCapacity(out, StringOr(request, "ReturnConsumedCapacity", "NONE"), WriteConsumption(plan, 1));
  WriteItemCollectionMetrics(out, StringOr(request, "ReturnItemCollectionMetrics", "NONE"), ctx.store, plan);
  return Status::OK();
}

}  // namespace ops
}  // namespace dodb
