// PutItem: validate the request and item, check the key against the table, replace the item.
// ReturnValues NONE | ALL_OLD. Conditions (ConditionExpression, Expected) come with the
// expressions issue and are refused until then.
#include "capacity.h"
#include "item_codec.h"
#include "item_key.h"
#include "operation.h"
#include "request_fields.h"
#include "table_catalog.h"

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
    Field{"ConditionExpression", Kind::String},
    Field{"ExpressionAttributeNames", Kind::StringMap},
    Field{"ExpressionAttributeValues", Kind::AttributeMap},
    EnumField("ReturnValuesOnConditionCheckFailure", "[ALL_OLD, NONE]"),
};

}  // namespace

Status PutItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  DODB_RETURN_IF_ERROR(RejectUnsupported(request, {"ConditionExpression", "Expected", "ConditionalOperator"}));
  if (Member(request, "ExpressionAttributeNames"))
    return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  if (Member(request, "ExpressionAttributeValues"))
    return Status::Validation(
        "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
  AttributeMap item;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Item"], 1, &item));
  std::string_view return_values = StringOr(request, "ReturnValues", "NONE");
  if (return_values != "NONE" && return_values != "ALL_OLD")
    return Status::Validation("ReturnValues can only be ALL_OLD or NONE");
  size_t size = ItemSize(item);
  if (size > kMaxItemBytes) return Status::Validation("Item size has exceeded the maximum allowed size");

  TableInfo table;
  if (!LoadTable(ctx.store, StringOf(request["TableName"]), &table))
    return Status::ResourceNotFound("Requested resource not found");
  DODB_RETURN_IF_ERROR(CheckItemKey(table, item));

  std::string key = ItemStorageKey(table, item);
  std::string old_bytes;
  AttributeMap old_item;
  bool existed = ctx.store.Get(key, &old_bytes);
  if (existed && !DecodeItem(old_bytes, &old_item)) return Status::Internal("stored item is corrupt");
  ctx.store.Put(key, EncodeItem(item));

  if (existed && return_values == "ALL_OLD") {
    WriteKey(out, "Attributes");
    WriteAttributeMap(out, old_item);
  }
  size_t old_size = existed ? ItemSize(old_item) : 0;
  WriteConsumedCapacity(out, StringOr(request, "ReturnConsumedCapacity", "NONE"), table.name,
                        WriteUnits(size > old_size ? size : old_size));
  return Status::OK();
}

}  // namespace dodb::ops
