// TransactGetItems: up to 100 Gets over any tables, read together; Responses holds one entry
// per Get, in order ({} for a missing item). A malformed key is a ValidationError reason.
#include <algorithm>

#include "request/shard_guard.h"
#include "request/capacity.h"
#include "expr/expression_resolver.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "request/operation.h"
#include "expr/projection.h"
#include "request/request_fields.h"
#include "storage/stored_item.h"
#include "request/transaction.h"
#include "ops/transact_get_items.h"

namespace dodb {
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

}  // namespace

Status PlanTransactGet(OperationContext& ctx, const JsonValue& request, const std::vector<bool>* mine,
                       std::vector<PlannedGet>* planned) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  const JsonValue& items = request["TransactItems"];
  planned->assign(items.Size(), PlannedGet{});
  for (SizeType i = 0; i < items.Size(); ++i) {
    const JsonValue* get = Member(items[i], "Get");
    if (!get)
      return Status::Validation("1 validation error detected: Value null at 'transactItems." + std::to_string(i + 1) +
                                ".member.get' failed to satisfy constraint: Member must not be null");
    if (mine && (i >= mine->size() || !(*mine)[i])) continue;  // another object's Get
    DODB_RETURN_IF_ERROR(ValidateRequest(*get, kGetFields));
    ExpressionContext expressions;
    DODB_RETURN_IF_ERROR(expressions.Init(*get));
    PlannedGet& p = (*planned)[i];
    if (const JsonValue* text = Member(*get, "ProjectionExpression")) {
      p.projection.emplace();
      DODB_RETURN_IF_ERROR(expressions.PrepareProjection(StringOf(*text), &*p.projection));
    } else if (expressions.has_names()) {
      return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
    }
    DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());
    WritePlan& plan = p.action.plan;
    plan.writes = false;
    DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf((*get)["TableName"]), &plan.table));
    AttributeMap key;
    Status s = DecodeAttributeMap((*get)["Key"], 1, &key);
    if (s.ok()) s = CheckRequestKey(plan.table, key);
    if (!s.ok()) {
      p.action.reason = "ValidationError";
      p.action.reason_message = s.message();
      continue;
    }
    plan.key = ItemStorageKey(plan.table, key);
    DODB_RETURN_IF_ERROR(CheckServesKey(ctx, plan.table, plan.key, false));
    // An item that a transaction over several objects is writing cannot be read now.
    if (std::optional<LockHolder> writer = ctx.locks ? ctx.locks->Writer(plan.key) : std::nullopt) {
      p.action.reason = "TransactionConflict";
      p.action.reason_message = Status::ItemInTransaction().message();
      if (writer->expires_ms <= ctx.store.NowMs()) p.action.stale_txn = writer->txn;
    }
  }
  std::vector<TransactionAction> actions;
  for (const PlannedGet& p : *planned) actions.push_back(p.action);
  DODB_RETURN_IF_ERROR(CheckDistinctItems(actions));
  return CancellationIfAny(actions, ctx.from_router);
}

Status WriteTransactGetResponses(OperationContext& ctx, const JsonValue& request, const std::vector<PlannedGet>& planned,
                                 const std::vector<bool>* mine, JsonWriter& out) {
  WriteKey(out, "Responses");
  out.StartArray();
  TableConsumption per_table;
  for (size_t i = 0; i < planned.size(); ++i) {
    if (mine && (i >= mine->size() || !(*mine)[i])) continue;
    const WritePlan& plan = planned[i].action.plan;
    std::optional<AttributeMap> item;
    DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, plan.key, &item));
    // Transactional reads cost twice a strongly consistent read, a missing item included.
    AddConsumption(&per_table, ReadConsumption(plan.table.name, 2 * ReadUnits(item ? ItemSize(*item) : 0, true)));
    out.StartObject();
    if (item) {
      if (planned[i].projection) {
        std::vector<const Path*> paths;
        for (const Path& p : planned[i].projection->paths) paths.push_back(&p);
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
  if (mode == "TOTAL" || mode == "INDEXES") WriteConsumedCapacityList(out, mode, per_table);
  return Status::OK();
}

namespace ops {

Status TransactGetItems(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  std::vector<PlannedGet> planned;
  DODB_RETURN_IF_ERROR(PlanTransactGet(ctx, request, nullptr, &planned));
  return WriteTransactGetResponses(ctx, request, planned, nullptr, out);
}

}  // namespace ops
}  // namespace dodb
