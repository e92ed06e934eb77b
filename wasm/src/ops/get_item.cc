// GetItem: the item with the given key: all attributes, the top-level ones in AttributesToGet,
// or the document paths of a ProjectionExpression.
#include <optional>

#include "request/shard_guard.h"
#include "request/capacity.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "request/operation.h"
#include "expr/expression_resolver.h"
#include "expr/projection.h"
#include "storage/stored_item.h"
#include "request/request_fields.h"
#include "storage/table_catalog.h"

namespace dodb::ops {
namespace {

constexpr Field kFields[] = {
    Field{"AttributesToGet", Kind::StringList}.MinLength(1).MaxLength(255),
    kReturnConsumedCapacityField,
    RequiredField("Key", Kind::AttributeMap),
    kTableNameField,
    kConsistentReadField,
    kProjectionExpressionField,
    kExpressionAttributeNamesField,
};

}  // namespace

Status GetItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  DODB_RETURN_IF_ERROR(CheckNoMixedParameters(request, {"AttributesToGet"}, {"ProjectionExpression"}));
  DODB_RETURN_IF_ERROR(CheckPlaceholdersHaveExpressions(request, {"ProjectionExpression"}, {}));
  AttributeMap key;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Key"], 1, &key));
  // The selected paths: AttributesToGet names are one-element paths.
  std::optional<ProjectionExpression> projection;
  if (const JsonValue* names = Member(request, "AttributesToGet")) {
    projection.emplace();
    DODB_RETURN_IF_ERROR(AttributesToGetPaths(*names, &projection->paths));
  }
  ExpressionContext expressions;
  DODB_RETURN_IF_ERROR(expressions.Init(request));
  if (const JsonValue* text = Member(request, "ProjectionExpression")) {
    projection.emplace();
    DODB_RETURN_IF_ERROR(expressions.PrepareProjection(StringOf(*text), &*projection));
  }
  DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());

  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(request["TableName"]), &table));
  DODB_RETURN_IF_ERROR(CheckRequestKey(table, key));

  std::optional<AttributeMap> item;
  const std::string item_key = ItemStorageKey(table, key);
  DODB_RETURN_IF_ERROR(CheckServesKey(ctx, table, item_key, false));
  DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, item_key, &item));
  size_t size = item ? ItemSize(*item) : 0;
  if (item) {
    if (projection) {
      std::vector<const Path*> paths;
      for (const Path& p : projection->paths) paths.push_back(&p);
      item = Project(*item, paths);
    }
    WriteKey(out, "Item");
    WriteAttributeMap(out, *item);
  }
  const JsonValue* consistent = Member(request, "ConsistentRead");
  WriteConsumedCapacity(out, StringOr(request, "ReturnConsumedCapacity", "NONE"),
                        ReadConsumption(table.name, ReadUnits(size, consistent && consistent->GetBool())));
  return Status::OK();
}

}  // namespace dodb::ops
