// TransactGetItems: up to 100 Gets over any tables, read together; Responses holds one entry
// per Get, in order ({} for a missing item). A malformed key is a ValidationError reason.
#include <algorithm>

#include "request/capacity.h"
#include "expr/expression_resolver.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "request/operation.h"
#include "expr/projection.h"
#include "request/request_fields.h"
#include "storage/stored_item.h"
#include "request/transaction.h"

namespace dodb::ops {
namespace {

constexpr Field kGetMembers[] = {Field{"Get", Kind::Struct}};
const Field kFields[] = {
    StructField("TransactItems", Kind::StructList, kGetMembers, "TransactGetItem", true).MinLength(1).MaxLength(100),
    kReturnConsumedCapacityField,
};
constexpr Field kGetFields[] = {
    kTableNameField,
    RequiredField("Key", Kind::AttributeMap),
    kProjectionExpressionField,
    kExpressionAttributeNamesField,
};

struct PlannedGet {
  TransactionAction action;
  std::optional<ProjectionExpression> projection;
};

}  // namespace

Status TransactGetItems(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  const JsonValue& items = request["TransactItems"];
  std::vector<TransactionAction> actions(items.Size());
  std::vector<std::optional<ProjectionExpression>> projections(items.Size());
  for (SizeType i = 0; i < items.Size(); ++i) {
    const JsonValue* get = Member(items[i], "Get");
    if (!get)
      return Status::Validation("1 validation error detected: Value null at 'transactItems." + std::to_string(i + 1) +
                                ".member.get' failed to satisfy constraint: Member must not be null");
    DODB_RETURN_IF_ERROR(ValidateRequest(*get, kGetFields));
    ExpressionContext expressions;
    DODB_RETURN_IF_ERROR(expressions.Init(*get));
    if (const JsonValue* text = Member(*get, "ProjectionExpression")) {
      projections[i].emplace();
      DODB_RETURN_IF_ERROR(expressions.PrepareProjection(StringOf(*text), &*projections[i]));
    } else if (expressions.has_names()) {
      return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
    }
    DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());
    WritePlan& plan = actions[i].plan;
    plan.writes = false;
    DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf((*get)["TableName"]), &plan.table));
    AttributeMap key;
    Status s = DecodeAttributeMap((*get)["Key"], 1, &key);
    if (s.ok()) s = CheckRequestKey(plan.table, key);
    if (!s.ok()) {
      actions[i].reason = "ValidationError";
      actions[i].reason_message = s.message();
      continue;
    }
    plan.key = ItemStorageKey(plan.table, key);
  }
  DODB_RETURN_IF_ERROR(CheckDistinctItems(actions));
  DODB_RETURN_IF_ERROR(CancellationIfAny(actions));
  WriteKey(out, "Responses");
  out.StartArray();
  std::vector<size_t> sizes(actions.size(), 0);
  for (size_t i = 0; i < actions.size(); ++i) {
    std::optional<AttributeMap> item;
    DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, actions[i].plan.key, &item));
    if (item) sizes[i] = ItemSize(*item);
    out.StartObject();
    if (item) {
      if (projections[i]) {
        std::vector<const Path*> paths;
        for (const Path& p : projections[i]->paths) paths.push_back(&p);
        item = Project(*item, paths);
      }
      if (!item->empty()) {
        WriteKey(out, "Item");
        WriteAttributeMap(out, *item);
      }
    }
    out.EndObject();
  }
  out.EndArray();
  std::string_view mode = StringOr(request, "ReturnConsumedCapacity", "NONE");
  if (mode == "TOTAL" || mode == "INDEXES") {
    // Transactional reads cost twice a strongly consistent read, a missing item included.
    TableConsumption per_table;
    for (size_t i = 0; i < actions.size(); ++i)
      AddConsumption(&per_table, ReadConsumption(actions[i].plan.table.name, 2 * ReadUnits(sizes[i], true)));
    WriteConsumedCapacityList(out, mode, per_table);
  }
  return Status::OK();
}

}  // namespace dodb::ops
