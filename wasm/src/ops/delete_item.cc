// DeleteItem: removes the item with the given key (no error if there is none).
// ReturnValues NONE | ALL_OLD. Conditions come with the expressions issue.
#include "capacity.h"
#include "item_codec.h"
#include "item_key.h"
#include "operation.h"
#include "request_fields.h"
#include "table_catalog.h"

namespace dodb::ops {
namespace {

constexpr Field kFields[] = {
    kReturnConsumedCapacityField,
    kTableNameField,
    RequiredField("Key", Kind::AttributeMap),
    kReturnValuesField,
    kReturnItemCollectionMetricsField,
    kConditionalOperatorField,
    Field{"ConditionExpression", Kind::String},
    Field{"ExpressionAttributeNames", Kind::StringMap},
    Field{"ExpressionAttributeValues", Kind::AttributeMap},
    EnumField("ReturnValuesOnConditionCheckFailure", "[ALL_OLD, NONE]"),
};

}  // namespace

Status DeleteItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  DODB_RETURN_IF_ERROR(RejectUnsupported(request, {"ConditionExpression", "Expected", "ConditionalOperator"}));
  if (Member(request, "ExpressionAttributeNames"))
    return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  if (Member(request, "ExpressionAttributeValues"))
    return Status::Validation(
        "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
  AttributeMap key;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Key"], 1, &key));
  std::string_view return_values = StringOr(request, "ReturnValues", "NONE");
  if (return_values != "NONE" && return_values != "ALL_OLD")
    return Status::Validation("ReturnValues can only be ALL_OLD or NONE");

  TableInfo table;
  if (!LoadTable(ctx.store, StringOf(request["TableName"]), &table))
    return Status::ResourceNotFound("Requested resource not found");
  DODB_RETURN_IF_ERROR(CheckRequestKey(table, key));

  std::string storage_key = ItemStorageKey(table, key);
  std::string old_bytes;
  AttributeMap old_item;
  bool existed = ctx.store.Get(storage_key, &old_bytes);
  if (existed && !DecodeItem(old_bytes, &old_item)) return Status::Internal("stored item is corrupt");
  if (existed) ctx.store.Delete(storage_key);
  if (existed && return_values == "ALL_OLD") {
    WriteKey(out, "Attributes");
    WriteAttributeMap(out, old_item);
  }
  WriteConsumedCapacity(out, StringOr(request, "ReturnConsumedCapacity", "NONE"), table.name,
                        WriteUnits(existed ? ItemSize(old_item) : 0));
  return Status::OK();
}

}  // namespace dodb::ops
