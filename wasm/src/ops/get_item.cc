// GetItem: the item with the given key, all attributes or those in AttributesToGet.
// ProjectionExpression comes with the expressions issue and is refused until then.
#include <algorithm>

#include "capacity.h"
#include "item_codec.h"
#include "item_key.h"
#include "operation.h"
#include "request_fields.h"
#include "table_catalog.h"

namespace dodb::ops {
namespace {

constexpr Field kFields[] = {
    [] {
      Field f{"AttributesToGet", Kind::StringList};
      f.min_length = 1;
      f.max_length = 255;
      return f;
    }(),
    kReturnConsumedCapacityField,
    RequiredField("Key", Kind::AttributeMap),
    kTableNameField,
    Field{"ConsistentRead", Kind::Boolean},
    Field{"ProjectionExpression", Kind::String},
    Field{"ExpressionAttributeNames", Kind::StringMap},
};

}  // namespace

Status GetItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  const JsonValue* attributes_to_get = Member(request, "AttributesToGet");
  if (attributes_to_get && Member(request, "ProjectionExpression"))
    return Status::Validation(
        "Can not use both expression and non-expression parameters in the same request: Non-expression "
        "parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
  DODB_RETURN_IF_ERROR(RejectUnsupported(request, {"ProjectionExpression"}));
  if (Member(request, "ExpressionAttributeNames"))
    return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  AttributeMap key;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Key"], 1, &key));
  std::vector<std::string_view> wanted;
  if (attributes_to_get) {
    for (const JsonValue& n : attributes_to_get->GetArray()) {
      if (std::find(wanted.begin(), wanted.end(), StringOf(n)) != wanted.end())
        return Status::Validation("One or more parameter values were invalid: Duplicate value in attribute name: " +
                                  std::string(StringOf(n)));
      wanted.push_back(StringOf(n));
    }
  }

  TableInfo table;
  if (!LoadTable(ctx.store, StringOf(request["TableName"]), &table))
    return Status::ResourceNotFound("Requested resource not found");
  DODB_RETURN_IF_ERROR(CheckRequestKey(table, key));

  std::string bytes;
  AttributeMap item;
  bool found = ctx.store.Get(ItemStorageKey(table, key), &bytes);
  if (found && !DecodeItem(bytes, &item)) return Status::Internal("stored item is corrupt");
  size_t size = found ? ItemSize(item) : 0;
  if (found) {
    if (attributes_to_get) {
      AttributeMap projected;
      for (Attribute& a : item)
        if (std::find(wanted.begin(), wanted.end(), a.name) != wanted.end()) projected.push_back(std::move(a));
      item = std::move(projected);
    }
    WriteKey(out, "Item");
    WriteAttributeMap(out, item);
  }
  const JsonValue* consistent = Member(request, "ConsistentRead");
  WriteConsumedCapacity(out, StringOr(request, "ReturnConsumedCapacity", "NONE"), table.name,
                        ReadUnits(size, consistent && consistent->GetBool()));
  return Status::OK();
}

}  // namespace dodb::ops
