// TransactWriteItems: up to 100 Put / Update / Delete / ConditionCheck actions over any tables,
// all-or-nothing. Every action is prepared against the state before the transaction (write_plan.h);
// if any condition fails, nothing is written and TransactionCanceledException lists one reason
// per action, in order. ClientRequestToken makes a retry within 10 minutes a no-op.
#include <algorithm>

#include "request/capacity.h"
#include "request/item_collection.h"
#include "storage/idempotency.h"
#include "format/item_codec.h"
#include "request/operation.h"
#include "request/request_fields.h"
#include "request/transaction.h"
#include "request/write_plan.h"
#include "ops/condition_check.h"
#include "ops/delete_item.h"
#include "ops/put_item.h"
#include "ops/update_item.h"
#include "ops/transact_write_items.h"

namespace dodb {
namespace {

constexpr Field kActionMembers[] = {
    Field{"ConditionCheck", Kind::Struct}, Field{"Put", Kind::Struct}, Field{"Delete", Kind::Struct},
    Field{"Update", Kind::Struct}};

const Field kFields[] = {
    StructField("TransactItems", Kind::StructList, kActionMembers, "TransactWriteItem", true).MinLength(1).MaxLength(100),
    kReturnConsumedCapacityField,
    kReturnItemCollectionMetricsField,
    Field{"ClientRequestToken", Kind::String}.MinLength(1).MaxLength(36),
};

constexpr size_t kMaxTransactionBytes = 4 * 1024 * 1024;

}  // namespace

Status PlanTransactWrite(OperationContext& ctx, const JsonValue& request, const std::vector<bool>* mine,
                         std::vector<TransactionAction>* planned_out, size_t* total_bytes, int* failed) {
  *total_bytes = 0;
  *failed = -1;
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  const JsonValue& actions = request["TransactItems"];
  std::vector<TransactionAction>& planned = *planned_out;
  planned.assign(actions.Size(), TransactionAction{});
  for (SizeType i = 0; i < actions.Size(); ++i) {
    const JsonValue& a = actions[i];
    int kinds = 0;
    for (const char* k : {"ConditionCheck", "Put", "Delete", "Update"}) kinds += Member(a, k) != nullptr;
    if (kinds != 1)
      return Status::Validation("TransactItems can only contain one of ConditionCheck, Put, Update or Delete");
    TransactionAction& t = planned[i];
    if (mine && (i >= mine->size() || !(*mine)[i])) {
      t.plan.writes = false;  // another object's action: planned there
      continue;
    }
    *failed = static_cast<int>(i);
    Status s;
    if (const JsonValue* put = Member(a, "Put")) {
      s = PlanPutItem(ctx, *put, true, &t.plan);
    } else if (const JsonValue* update = Member(a, "Update")) {
      if (!Member(*update, "UpdateExpression"))
        return Status::Validation("1 validation error detected: Value null at 'transactItems." + std::to_string(i + 1) +
                                  ".member.update.updateExpression' failed to satisfy constraint: Member must not be null");
      s = PlanUpdateItem(ctx, *update, &t.plan);
    } else if (const JsonValue* del = Member(a, "Delete")) {
      s = PlanDeleteItem(ctx, *del, true, &t.plan);
    } else {
      const JsonValue& check = a["ConditionCheck"];
      if (!Member(check, "ConditionExpression"))
        return Status::Validation("1 validation error detected: Value null at 'transactItems." + std::to_string(i + 1) +
                                  ".member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
      s = PlanConditionCheck(ctx, check, &t.plan);
    }
    DODB_RETURN_IF_ERROR(ClassifyActionStatus(std::move(s), &t));
    *total_bytes += t.plan.new_size;
  }
  *failed = -1;
  DODB_RETURN_IF_ERROR(CheckDistinctItems(planned));
  return CheckTransactionBytes(*total_bytes);
}

void WriteReplayCapacity(JsonWriter& out, const JsonValue& request, const std::vector<TransactionAction>& planned) {
  // A replay writes nothing; asked for capacity, it reports reading the items (transactional
  // reads, on the larger image as the first call sized them: dynoxide's DynamoDB capture).
  std::string_view mode = StringOr(request, "ReturnConsumedCapacity", "NONE");
  if (!WantsCapacity(mode)) return;
  TableConsumption per_table;
  for (const TransactionAction& t : planned) {
    if (t.plan.key.empty()) continue;  // another object's action
    size_t old_size = t.plan.old_item ? ItemSize(*t.plan.old_item) : 0;
    AddConsumption(&per_table, ReadConsumption(t.plan.table.name, 2 * ReadUnits(std::max(old_size, t.plan.new_size), true)));
  }
  WriteConsumedCapacityList(out, mode, per_table);
}

Status CheckTransactionBytes(size_t total_bytes) {
  if (total_bytes > kMaxTransactionBytes)
    return Status::Validation(
        "Collection size of items exceeded, which can also be caused by the aggregate size of the items in the "
        "transaction exceeding the 4MB limit");
  return Status::OK();
}

namespace ops {

Status TransactWriteItems(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  std::vector<TransactionAction> planned;
  size_t total_bytes = 0;
  int failed = -1;
  DODB_RETURN_IF_ERROR(PlanTransactWrite(ctx, request, nullptr, &planned, &total_bytes, &failed));
  const JsonValue& actions = request["TransactItems"];

  // ClientRequestToken: a retry of the same request within 10 minutes succeeds without effect.
  std::string fingerprint;
  const JsonValue* token = Member(request, "ClientRequestToken");
  if (token) {
    fingerprint = Fingerprint(actions);
    bool replay = false;
    DODB_RETURN_IF_ERROR(CheckIdempotencyToken(ctx.store, StringOf(*token), fingerprint, &replay));
    if (replay) {
      WriteReplayCapacity(out, request, planned);
      return Status::OK();
    }
  }
  DODB_RETURN_IF_ERROR(CancellationIfAny(planned, ctx.from_router));
  for (const TransactionAction& t : planned) CommitWrite(ctx.store, t.plan);
  if (token) RecordIdempotencyToken(ctx.store, StringOf(*token), fingerprint);

  // Transactional writes cost twice on the table (not on its indexes).
  WriteMultiItemResponse(out, ctx.store, request, planned, 2);
  return Status::OK();
}

}  // namespace ops
}  // namespace dodb
