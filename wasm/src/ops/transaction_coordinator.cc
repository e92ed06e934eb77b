// The coordinator's side of a transaction over several Durable Objects (docs/SCALING.md,
// "Transactions over shards"): internal operations on the database's own object. A transaction
// commits once it is staged here and every participant has prepared ("parallel commits": the
// router stages and prepares at once, then commits and records COMMIT at once).
//   "@TxnStage" {TxnId, Participants: [object names], ClientRequestToken?, TransactItems?}: with a
//     token, holds it first (idempotency.h): {"Replay":true} if the same request committed within
//     10 minutes, TransactionInProgressException while it is in flight,
//     IdempotentParameterMismatchException for another request with it; then writes STAGING with
//     the participants unless a record exists: {"Staged": true}, or {"Staged": false, "Decision": d}.
//   "@TxnRelease" {TxnId, ClientRequestToken?}: the transaction can no longer commit (a participant
//     refused): removes STAGING and frees the token, so a refused request leaves nothing here.
//   "@TxnDecide" {TxnId, Decision: "COMMIT" | "ABORT", Resolved?: bool, ClientRequestToken?}:
//     records the decision if there is no record (nothing staged: ABORT is the only right one), or
//     if the record is STAGING and Resolved (the caller knows every participant's state: all
//     prepared for COMMIT); answers what stands: {"Decision": "COMMIT" | "ABORT"}, or
//     {"Decision": "STAGING", "Participants": [...]} for the caller to ask the participants
//     ("@TxnStatus") and decide Resolved. With the token, a decision ends its hold.
// Records are kept an hour (a lock lives seconds), then swept a few at a time by later decisions.
#include "storage/idempotency.h"
#include "storage/transaction_records.h"
#include "format/keyspace.h"
#include "request/operation.h"
#include "request/request_fields.h"
#include "request/transaction.h"

namespace dodb::ops {
namespace {

const JsonValue* TokenOf(const JsonValue& request) {
  const JsonValue* token = Member(request, "ClientRequestToken");
  return token && token->IsString() ? token : nullptr;
}

constexpr std::string_view kStaging = "STAGING\n";

}  // namespace

Status TxnStage(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  std::string_view txn;
  DODB_RETURN_IF_ERROR(ReadTxnId(request, &txn));
  const JsonValue* participants = Member(request, "Participants");
  if (!participants || !participants->IsArray()) return Status::Validation("internal: Participants");
  if (const JsonValue* token = TokenOf(request)) {
    const JsonValue* actions = Member(request, "TransactItems");
    if (!actions) return Status::Validation("internal: TransactItems");
    bool replay = false;
    DODB_RETURN_IF_ERROR(HoldIdempotencyToken(ctx.store, StringOf(*token), Fingerprint(*actions), &replay));
    if (replay) {
      WriteKey(out, "Replay");
      out.Bool(true);
      return Status::OK();
    }
  }
  JsonWriter list;
  participants->Accept(list);
  std::string existing;
  bool staged = Stage(ctx.store, txn, list.view(), &existing);
  WriteKey(out, "Staged");
  out.Bool(staged);
  if (!staged) {
    WriteKey(out, "Decision");
    WriteString(out, existing.rfind(kStaging, 0) == 0 ? "STAGING" : existing);
  }
  return Status::OK();
}

Status TxnRelease(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  std::string_view txn;
  DODB_RETURN_IF_ERROR(ReadTxnId(request, &txn));
  Unstage(ctx.store, txn);
  if (const JsonValue* token = TokenOf(request)) EndTokenHold(ctx.store, StringOf(*token), false);
  return Status::OK();
}

Status TxnDecide(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  std::string_view txn;
  DODB_RETURN_IF_ERROR(ReadTxnId(request, &txn));
  std::string_view decision = StringOr(request, "Decision", "");
  if (decision != "COMMIT" && decision != "ABORT") return Status::Validation("internal: Decision");
  const JsonValue* resolved = Member(request, "Resolved");
  std::string stands = Decide(ctx.store, txn, decision, resolved && resolved->IsTrue());
  SweepTransactionRecords(ctx.store, kDecisionPrefix, ctx.store.NowMs() - kTransactionRecordLifetimeMs);
  WriteKey(out, "Decision");
  if (stands.rfind(kStaging, 0) == 0) {
    WriteString(out, "STAGING");
    WriteKey(out, "Participants");
    std::string_view list = std::string_view(stands).substr(kStaging.size());
    out.RawValue(list.data(), list.size(), rapidjson::kArrayType);
    return Status::OK();
  }
  WriteString(out, stands);
  if (const JsonValue* token = TokenOf(request)) EndTokenHold(ctx.store, StringOf(*token), stands == "COMMIT");
  return Status::OK();
}

}  // namespace dodb::ops
