// DeleteItem: removes the item with the given key (no error if there is none), if the
// condition (ConditionExpression or legacy Expected) holds. ReturnValues NONE | ALL_OLD.
#include "capacity.h"
#include "item_codec.h"
#include "item_key.h"
#include "item_writer.h"
#include "secondary_index.h"
#include "operation.h"
#include "request_fields.h"
#include "stored_item.h"
#include "table_catalog.h"
#include "write_condition.h"

namespace dodb::ops {
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

}  // namespace

Status DeleteItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
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

  TableInfo table;
  if (!ctx.catalog.Load(StringOf(request["TableName"]), &table))
    return Status::ResourceNotFound("Requested resource not found");
  DODB_RETURN_IF_ERROR(CheckRequestKey(table, key));

  std::string storage_key = ItemStorageKey(table, key);
  std::optional<AttributeMap> old_item;
  // The old item matters only to a condition, ALL_OLD, index maintenance or capacity; a plain
  // delete is one store delete.
  std::string_view capacity_mode = StringOr(request, "ReturnConsumedCapacity", "NONE");
  bool needs_old = condition.condition || return_values == "ALL_OLD" || !table.indexes.empty() || capacity_mode != "NONE";
  if (!needs_old) {
    ctx.store.Delete(storage_key);
    return Status::OK();
  }
  DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, storage_key, &old_item));
  DODB_RETURN_IF_ERROR(CheckWriteCondition(condition, old_item ? &*old_item : nullptr));
  WriteItem(ctx.store, table, storage_key, old_item ? &*old_item : nullptr, nullptr);
  if (old_item && return_values == "ALL_OLD") {
    WriteKey(out, "Attributes");
    WriteAttributeMap(out, *old_item);
  }
  WriteConsumedCapacity(out, capacity_mode, table.name,
                        WriteUnits(old_item ? ItemSize(*old_item) : 0));
  return Status::OK();
}

}  // namespace dodb::ops
