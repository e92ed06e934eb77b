// The participant's side of a transaction over several Durable Objects (docs/SCALING.md,
// "Transactions over shards"): internal operations the shard router sends to each object that
// holds items of the transaction. Each request carries the client's whole request (so messages
// name actions by their place in it) and "@Mine", the indexes of the actions on this object.
//   "@TxnPrepare" {TxnId, ExpiresMs, Coordinator, @Mine, <TransactWriteItems request>}: refused
//     (TransactionConflictException) if the transaction already ended or was fenced here; plans this
//     object's actions as TransactWriteItems does; if every one holds, locks their items until
//     ExpiresMs, keeps the part (transaction_records.h) and answers {"Prepared":true,"Bytes":n}.
//     Otherwise it changes nothing and answers the error, with "@Action" (the action that failed
//     the request) or "@Stale" (transactions whose expired locks got in the way) and "@Bytes".
//     With "@Replay": true (a retry of a committed request, ClientRequestToken), it only plans
//     and answers the ConsumedCapacity such a replay reports.
//   "@TxnCommit" {TxnId}: performs the kept part (its items cannot have changed: they are locked),
//     releases the locks, drops the part; answers ConsumedCapacity / ItemCollectionMetrics as
//     TransactWriteItems would for these actions, and "Committed" (false: nothing was kept).
//     The part is replaced by a record that it committed, kept an hour (transaction_records.h).
//   "@TxnAbort" {TxnId, Fence?}: releases the locks and drops the part, recording that it aborted
//     (a prepare arriving later is refused); with "Fence": false (the router aborting a transaction
//     a participant refused, which can never commit) it leaves no record.
//   "@TxnStatus" {TxnId}: whether the part is PREPARED, COMMITTED, ABORTED or ABSENT (then fenced),
//     for a recovery that finds the transaction STAGING at its coordinator.
//   "@TxnRead" {TxnId, ExpiresMs, @Mine, <TransactGetItems request>}: reads this object's Gets
//     ("Responses" in their order) and puts read locks on them; "@TxnReadEnd" {TxnId, @Mine, ...}
//     removes them and answers {"Intact": bool}: false if a write touched one meanwhile.
//   "@TxnPending" {}: the parts kept here whose locks have expired ("Expired": [{TxnId,
//     Coordinator}]), for the object to have them resolved, and "NextMs", when the next expires.
#include <string>
#include <vector>

#include "format/keyspace.h"
#include "storage/item_locks.h"
#include "storage/transaction_records.h"
#include "util/base64.h"
#include "request/operation.h"
#include "request/request_fields.h"
#include "request/transaction.h"
#include "request/write_plan.h"
#include "ops/transact_get_items.h"
#include "ops/transact_write_items.h"

namespace dodb::ops {
namespace {

// "@Mine": the indexes of this object's actions, as flags over the request's actions.
Status ReadMine(const JsonValue& request, std::vector<bool>* mine) {
  const JsonValue* list = Member(request, "@Mine");
  const JsonValue* actions = Member(request, "TransactItems");
  if (!list || !list->IsArray() || !actions || !actions->IsArray()) return Status::Validation("internal: @Mine");
  mine->assign(actions->Size(), false);
  for (const JsonValue& i : list->GetArray()) {
    if (!i.IsUint() || i.GetUint() >= actions->Size()) return Status::Validation("internal: @Mine");
    (*mine)[i.GetUint()] = true;
  }
  return Status::OK();
}

// What "@TxnPrepare" and "@TxnRead" carry beside the client's request.
struct PartRequest {
  std::string_view txn;
  std::vector<bool> mine;
  double expires_ms = 0;
};

Status ReadPartRequest(const OperationContext& ctx, const JsonValue& request, PartRequest* part) {
  DODB_RETURN_IF_ERROR(ReadTxnId(request, &part->txn));
  DODB_RETURN_IF_ERROR(ReadMine(request, &part->mine));
  const JsonValue* expires = Member(request, "ExpiresMs");
  if (!expires || !expires->IsNumber() || !ctx.locks) return Status::Validation("internal: ExpiresMs");
  part->expires_ms = expires->GetDouble();
  return Status::OK();
}

// Adds internal members to an error's body (the router reads and removes them).
Status WithExtra(Status s, const std::string& members) {
  s.set_extra_json(s.extra_json().empty() ? members : s.extra_json() + "," + members);
  return s;
}

// The context of a request that acts for transaction txn: its own locks do not block it, and
// conflicts with expired locks are named for the router.
OperationContext ActingFor(const OperationContext& ctx, std::string_view txn) {
  OperationContext acting = ctx;
  acting.txn = txn;
  acting.from_router = true;
  return acting;
}

// A copy of the members of `request` named in `names`, with TransactItems cut to this object's.
void WriteOwnPart(JsonWriter& w, const JsonValue& request, const std::vector<bool>& mine) {
  w.StartObject();
  WriteKey(w, "TransactItems");
  w.StartArray();
  const JsonValue& actions = request["TransactItems"];
  for (SizeType i = 0; i < actions.Size(); ++i)
    if (mine[i]) actions[i].Accept(w);
  w.EndArray();
  for (const char* name : {"ReturnConsumedCapacity", "ReturnItemCollectionMetrics"})
    if (const JsonValue* v = Member(request, name)) {
      WriteKey(w, name);
      v->Accept(w);
    }
  w.EndObject();
}

struct KeptPart {
  JsonDocument record;
  std::vector<std::string> keys;
};

bool LoadPart(Store& store, std::string_view txn, KeptPart* part) {
  std::string text;
  if (LoadPreparedPart(store, txn, &text) != PartState::kPrepared) return false;
  part->record.Parse(text.data(), text.size());
  if (part->record.HasParseError() || !part->record.IsObject()) return false;
  if (const JsonValue* keys = Member(part->record, "Keys"); keys && keys->IsArray())
    for (const JsonValue& k : keys->GetArray()) {
      std::string bytes;
      if (k.IsString() && Base64Decode(StringOf(k), &bytes)) part->keys.push_back(std::move(bytes));
    }
  return true;
}

void ReleaseLocks(OperationContext& ctx, std::string_view txn, const KeptPart& part) {
  for (const std::string& key : part.keys) ctx.locks->ReleaseWrite(key, txn);
}

}  // namespace

Status TxnPrepare(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  PartRequest part;
  DODB_RETURN_IF_ERROR(ReadPartRequest(ctx, request, &part));
  const std::string_view txn = part.txn;
  const std::vector<bool>& mine = part.mine;
  OperationContext acting = ActingFor(ctx, txn);
  std::vector<TransactionAction> planned;
  size_t bytes = 0;
  int failed = -1;
  std::string ended;
  if (LoadPreparedPart(ctx.store, txn, &ended) != PartState::kNone)  // fenced by a recovery, or a repeat
    return Status::ItemInTransaction();
  Status s = PlanTransactWrite(acting, request, &mine, &planned, &bytes, &failed);
  if (const JsonValue* replay = Member(request, "@Replay"); s.ok() && replay && replay->IsTrue()) {
    WriteReplayCapacity(out, request, planned);
    return Status::OK();
  }
  if (s.ok()) s = CancellationIfAny(planned, true);
  if (!s.ok()) return WithExtra(std::move(s), "\"@Action\":" + std::to_string(failed) + ",\"@Bytes\":" + std::to_string(bytes));

  JsonWriter record;
  record.StartObject();
  WriteKey(record, "Request");
  WriteOwnPart(record, request, mine);
  WriteKey(record, "Keys");
  record.StartArray();
  for (const TransactionAction& t : planned) {
    if (t.plan.key.empty()) continue;
    ctx.locks->LockForWrite(t.plan.key, txn, part.expires_ms);
    WriteString(record, Base64Encode(t.plan.key));
  }
  record.EndArray();
  WriteKey(record, "ExpiresMs");
  record.Double(part.expires_ms);
  if (const JsonValue* coordinator = Member(request, "Coordinator")) {
    WriteKey(record, "Coordinator");
    coordinator->Accept(record);
  }
  record.EndObject();
  KeepPreparedPart(ctx.store, txn, record.view());
  WriteKey(out, "Prepared");
  out.Bool(true);
  WriteKey(out, "Bytes");
  out.Uint64(bytes);
  return Status::OK();
}

namespace {

// "@TxnCommit" (commit: true) and "@TxnAbort": ends the part kept for TxnId, if any, and
// records how it ended; an abort with "Fence": false (the transaction was refused before it could
// commit) leaves no record, so a refused request leaves the store as it was.
Status EndPart(OperationContext& ctx, const JsonValue& request, JsonWriter& out, bool commit) {
  std::string_view txn;
  DODB_RETURN_IF_ERROR(ReadTxnId(request, &txn));
  KeptPart part;
  bool kept = ctx.locks && LoadPart(ctx.store, txn, &part);
  WriteKey(out, commit ? "Committed" : "Aborted");
  out.Bool(kept);
  const JsonValue* fence = Member(request, "Fence");
  if (!commit && fence && fence->IsFalse()) {
    if (kept) ReleaseLocks(ctx, txn, part);
    if (kept) ForgetPreparedPart(ctx.store, txn);
    return Status::OK();
  }
  std::string ended;
  if (!kept && LoadPreparedPart(ctx.store, txn, &ended) != PartState::kNone) return Status::OK();  // ended already
  const JsonValue* part_request = kept ? Member(part.record, "Request") : nullptr;
  OperationContext acting = ActingFor(ctx, txn);
  std::vector<TransactionAction> planned;
  size_t bytes = 0;
  int failed = -1;
  // The items are as they were at prepare (locked since); a table deleted meanwhile took its
  // items with it, and its actions have nothing left to write.
  if (commit && part_request && PlanTransactWrite(acting, *part_request, nullptr, &planned, &bytes, &failed).ok()) {
    for (const TransactionAction& t : planned)
      if (t.reason == "None") CommitWrite(ctx.store, t.plan);
    WriteMultiItemResponse(out, ctx.store, *part_request, planned, 2);
  }
  if (kept) ReleaseLocks(ctx, txn, part);
  // A commit with nothing kept here is a repeat: nothing to record (the part ended before).
  if (kept || !commit) EndPreparedPart(ctx.store, txn, commit ? PartState::kCommitted : PartState::kAborted);
  SweepTransactionRecords(ctx.store, kPreparedPartPrefix, ctx.store.NowMs() - kTransactionRecordLifetimeMs);
  return Status::OK();
}

}  // namespace

Status TxnCommit(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  return EndPart(ctx, request, out, true);
}

Status TxnAbort(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  return EndPart(ctx, request, out, false);
}

// "@TxnStatus" {TxnId}: {"Status": "PREPARED" | "COMMITTED" | "ABORTED" | "ABSENT"}; ABSENT (never
// prepared here) also fences: a prepare of the transaction arriving later is refused.
Status TxnStatus(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  std::string_view txn;
  DODB_RETURN_IF_ERROR(ReadTxnId(request, &txn));
  std::string record;
  PartState state = LoadPreparedPart(ctx.store, txn, &record);
  if (state == PartState::kNone) EndPreparedPart(ctx.store, txn, PartState::kAborted);
  WriteKey(out, "Status");
  WriteString(out, state == PartState::kPrepared ? "PREPARED" : state == PartState::kCommitted ? "COMMITTED"
                   : state == PartState::kAborted ? "ABORTED" : "ABSENT");
  return Status::OK();
}

Status TxnRead(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  PartRequest part;
  DODB_RETURN_IF_ERROR(ReadPartRequest(ctx, request, &part));
  OperationContext acting = ActingFor(ctx, part.txn);
  std::vector<PlannedGet> planned;
  DODB_RETURN_IF_ERROR(PlanTransactGet(acting, request, &part.mine, &planned));
  for (const PlannedGet& p : planned)
    if (!p.action.plan.key.empty()) ctx.locks->LockForRead(p.action.plan.key, part.txn, part.expires_ms);
  return WriteTransactGetResponses(acting, request, planned, &part.mine, out);
}

Status TxnReadEnd(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  std::string_view txn;
  DODB_RETURN_IF_ERROR(ReadTxnId(request, &txn));
  std::vector<bool> mine;
  DODB_RETURN_IF_ERROR(ReadMine(request, &mine));
  OperationContext keys_only = ctx;
  keys_only.locks = nullptr;  // only the keys are wanted: a write lock taken since is no reason here
  std::vector<PlannedGet> planned;
  bool intact = ctx.locks && PlanTransactGet(keys_only, request, &mine, &planned).ok();
  for (const PlannedGet& p : planned)
    if (!p.action.plan.key.empty()) intact = ctx.locks->ReleaseRead(p.action.plan.key, txn) && intact;
  WriteKey(out, "Intact");
  out.Bool(intact);
  return Status::OK();
}

Status TxnPending(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  double now = ctx.store.NowMs(), next_ms = 0;
  WriteKey(out, "Expired");
  out.StartArray();
  std::string after;
  for (;;) {
    std::vector<KeyValue> parts = PreparedParts(ctx.store, after, 64);
    for (const KeyValue& kv : parts) {
      JsonDocument record;
      record.Parse(kv.value.data(), kv.value.size());
      const JsonValue* expires = record.IsObject() ? Member(record, "ExpiresMs") : nullptr;
      double at = expires && expires->IsNumber() ? expires->GetDouble() : 0;
      if (at > now) {
        if (next_ms == 0 || at < next_ms) next_ms = at;
        continue;
      }
      out.StartObject();
      WriteKey(out, "TxnId");
      WriteString(out, kv.key);
      if (const JsonValue* coordinator = record.IsObject() ? Member(record, "Coordinator") : nullptr) {
        WriteKey(out, "Coordinator");
        coordinator->Accept(out);
      }
      out.EndObject();
    }
    if (parts.size() < 64) break;
    after = parts.back().key;
  }
  out.EndArray();
  if (next_ms > 0) {
    WriteKey(out, "NextMs");
    out.Double(next_ms);
  }
  return Status::OK();
}

}  // namespace dodb::ops
