// PutItem: validate the request and item, check the key against the table, check the
// condition (ConditionExpression or legacy Expected) against the current item, replace it.
// ReturnValues NONE | ALL_OLD.
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

constexpr size_t kMaxItemBytes = 400 * 1024;

constexpr Field kFields[] = {
    kReturnConsumedCapacityField,
    kTableNameField,
    RequiredField("Item", Kind::AttributeMap),
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

Status PutItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  DODB_RETURN_IF_ERROR(CheckNoMixedParameters(request, {"Expected", "ConditionalOperator"}, {"ConditionExpression"}));
  DODB_RETURN_IF_ERROR(CheckPlaceholdersHaveExpressions(request, {"ConditionExpression"}, {"ConditionExpression"}));
  AttributeMap item;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Item"], 1, &item));
  std::string_view return_values = StringOr(request, "ReturnValues", "NONE");
  if (return_values != "NONE" && return_values != "ALL_OLD")
    return Status::Validation("ReturnValues can only be ALL_OLD or NONE");
  size_t size = ItemSize(item);
  if (size > kMaxItemBytes) return Status::Validation("Item size has exceeded the maximum allowed size");
  ExpressionContext expressions;
  DODB_RETURN_IF_ERROR(expressions.Init(request));
  WriteCondition condition;
  DODB_RETURN_IF_ERROR(PrepareWriteCondition(request, &expressions, &condition));
  DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());

  TableInfo table;
  if (!ctx.catalog.Load(StringOf(request["TableName"]), &table))
    return Status::ResourceNotFound("Requested resource not found");
  DODB_RETURN_IF_ERROR(CheckItemKey(table, item));
  DODB_RETURN_IF_ERROR(CheckIndexKeys(table, item, false));

  std::string key = ItemStorageKey(table, item);
  std::optional<AttributeMap> old_item;
  // The old item matters only to a condition, ALL_OLD, index maintenance or capacity; a plain
  // put is one store write.
  std::string_view capacity_mode = StringOr(request, "ReturnConsumedCapacity", "NONE");
  bool needs_old = condition.condition || return_values == "ALL_OLD" || !table.indexes.empty() || capacity_mode != "NONE";
  if (needs_old) DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, key, &old_item));
  DODB_RETURN_IF_ERROR(CheckWriteCondition(condition, old_item ? &*old_item : nullptr));
  WriteItem(ctx.store, table, key, old_item ? &*old_item : nullptr, &item);

  if (old_item && return_values == "ALL_OLD") {
    WriteKey(out, "Attributes");
    WriteAttributeMap(out, *old_item);
  }
  size_t old_size = old_item ? ItemSize(*old_item) : 0;
  WriteConsumedCapacity(out, capacity_mode, table.name,
                        WriteUnits(size > old_size ? size : old_size));
  return Status::OK();
}

}  // namespace dodb::ops
