// UpdateItem: edits (or creates) the item with the given key through an UpdateExpression or
// the legacy AttributeUpdates, if the condition holds; ReturnValues NONE | ALL_OLD |
// UPDATED_OLD | ALL_NEW | UPDATED_NEW (UPDATED_* return just the updated document paths).
#include "ops/update_item.h"

#include <algorithm>

#include "request/capacity.h"
#include "request/item_collection.h"
#include "request/write_plan.h"
#include "request/write_response.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "storage/item_writer.h"
#include "storage/secondary_index.h"
#include "expr/legacy_update.h"
#include "request/operation.h"
#include "expr/projection.h"
#include "request/request_fields.h"
#include "storage/stored_item.h"
#include "storage/table_catalog.h"
#include "expr/update_eval.h"
#include "request/write_condition.h"

namespace dodb {
namespace {

constexpr Field kAttributeUpdateMembers[] = {
    Field{"Value", Kind::AttributeValue},
    EnumField("Action", "[ADD, PUT, DELETE]"),
};

constexpr auto kFields = ItemWriteFields(
    RequiredField("Key", Kind::AttributeMap),
    std::array<Field, 2>{StructField("AttributeUpdates", Kind::StructMap, kAttributeUpdateMembers, "AttributeValueUpdate"),
                         Field{"UpdateExpression", Kind::String}});

// An update made only of removals (REMOVE, DELETE of set elements, AttributeUpdates DELETE)
// does not create a missing item (scylladb/scylladb#5862, checked against DynamoDB); an empty
// update does create the key-only item (ExtendDB/extenddb#119, checked against DynamoDB).
bool OnlyRemoves(const UpdateExpression& update, const std::vector<LegacyUpdate>& legacy) {
  if (update.actions.empty() && legacy.empty()) return false;
  for (const UpdateAction& a : update.actions)
    if (a.kind != UpdateAction::Kind::kRemove && a.kind != UpdateAction::Kind::kDelete) return false;
  for (const LegacyUpdate& u : legacy)
    if (u.action != "DELETE") return false;
  return true;
}

}  // namespace

Status PlanUpdateItem(OperationContext& ctx, const JsonValue& request, WritePlan* plan) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  DODB_RETURN_IF_ERROR(CheckNoMixedParameters(request, {"AttributeUpdates", "Expected", "ConditionalOperator"},
                                              {"UpdateExpression", "ConditionExpression"}));
  DODB_RETURN_IF_ERROR(CheckPlaceholdersHaveExpressions(request, {"UpdateExpression", "ConditionExpression"},
                                                        {"UpdateExpression", "ConditionExpression"}));
  AttributeMap key;
  DODB_RETURN_IF_ERROR(DecodeAttributeMap(request["Key"], 1, &key));
  std::vector<LegacyUpdate> legacy;
  if (const JsonValue* updates = Member(request, "AttributeUpdates"))
    DODB_RETURN_IF_ERROR(DecodeAttributeUpdates(*updates, &legacy));
  ExpressionContext expressions;
  DODB_RETURN_IF_ERROR(expressions.Init(request));
  UpdateExpression update;
  if (const JsonValue* text = Member(request, "UpdateExpression"))
    DODB_RETURN_IF_ERROR(expressions.PrepareUpdate(StringOf(*text), &update));
  WriteCondition condition;
  DODB_RETURN_IF_ERROR(PrepareWriteCondition(request, &expressions, &condition));
  DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());

  TableInfo& table = plan->table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(request["TableName"]), &table));
  DODB_RETURN_IF_ERROR(CheckRequestKey(table, key));
  DODB_RETURN_IF_ERROR(CheckUpdateKeys(update, table));
  // A literal of the wrong type SET on an index key fails like a put (dynalite test/updateItem.js:814).
  for (const UpdateAction& a : update.actions) {
    if (a.kind != UpdateAction::Kind::kSet || a.path.elements.size() != 1 || a.value.kind != Operand::Kind::kValue) continue;
    AttributeMap probe;
    probe.push_back(Attribute{a.path.elements[0].name, a.value.value});
    DODB_RETURN_IF_ERROR(CheckIndexKeys(table, probe, false));
  }
  DODB_RETURN_IF_ERROR(CheckLegacyUpdateKeys(legacy, table));

  plan->key = ItemStorageKey(table, key);
  DODB_RETURN_IF_ERROR(CheckItemNotLocked(ctx, table, plan->key));
  DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, plan->key, &plan->old_item));
  DODB_RETURN_IF_ERROR(CheckWriteCondition(condition, plan->old_item ? &*plan->old_item : nullptr));
  AttributeMap item = plan->old_item ? *plan->old_item : key;
  DODB_RETURN_IF_ERROR(ApplyUpdate(update, &item));
  DODB_RETURN_IF_ERROR(ApplyLegacyUpdates(legacy, &item));
  plan->new_size = ItemSize(item);
  if (plan->new_size > kMaxItemBytes) return Status::ItemValidation("Item size to update has exceeded the maximum allowed size");
  DODB_RETURN_IF_ERROR(CheckIndexKeys(table, item, true));
  if (plan->old_item || !OnlyRemoves(update, legacy)) plan->new_item = std::move(item);
  for (const UpdateAction& a : update.actions) plan->updated_paths.push_back(a.path);
  for (const LegacyUpdate& u : legacy) {
    Path p;
    p.elements.emplace_back();
    p.elements[0].name = u.attribute;
    plan->updated_paths.push_back(std::move(p));
  }
  return Status::OK();
}

namespace ops {

Status UpdateItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  WritePlan plan;
  DODB_RETURN_IF_ERROR(PlanUpdateItem(ctx, request, &plan));
  CommitWrite(ctx.store, plan);
  std::string_view return_values = StringOr(request, "ReturnValues", "NONE");
  std::vector<const Path*> updated;
  for (const Path& p : plan.updated_paths) updated.push_back(&p);
  std::optional<AttributeMap> returned;
  if (return_values == "ALL_OLD" && plan.old_item) returned = *plan.old_item;
  if (return_values == "ALL_NEW" && plan.new_item) returned = *plan.new_item;
  if (return_values == "UPDATED_OLD" && plan.old_item) returned = Project(*plan.old_item, updated);
  if (return_values == "UPDATED_NEW" && plan.new_item) returned = Project(*plan.new_item, updated);
  WriteSingleItemResponse(out, ctx.store, request, plan, returned ? &*returned : nullptr);
  return Status::OK();
}

}  // namespace ops
}  // namespace dodb
