// The coordinator's side of a transaction over several Durable Objects (docs/SCALING.md,
// "Transactions over shards"): internal operations on the database's own object.
//   "@TxnBegin" {TransactItems, ClientRequestToken}: holds the token for the transaction
//     (idempotency.h); {"Replay":true} if the same request already committed within 10 minutes,
//     TransactionInProgressException while it is in flight, IdempotentParameterMismatchException
//     for another request with the token.
//   "@TxnRelease" {ClientRequestToken}: frees a token held for a transaction that did not commit
//     (nothing else is written: a failed request leaves the store as it was).
//   "@TxnDecide" {TxnId, Decision: "COMMIT" | "ABORT", ClientRequestToken?}: records the decision
//     unless one is recorded, and answers the one that stands ({"Decision": ...}); with the token,
//     ends its hold (used if committed, free again if not). The router decides COMMIT after every
//     part prepared; a participant, or a router, that finds a lock expired decides ABORT: the
//     first to write wins, so all parts end the same way.
// Decisions are kept an hour (every part has ended long before: a lock lives seconds), then swept
// a few at a time by later decisions (ids begin with the time: the router's newTransactionId).
#include "storage/idempotency.h"
#include "storage/transaction_records.h"
#include "request/operation.h"
#include "request/request_fields.h"

namespace dodb::ops {
namespace {

constexpr double kDecisionLifetimeMs = 60 * 60 * 1000;

}  // namespace

Status TxnBegin(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* token = Member(request, "ClientRequestToken");
  const JsonValue* actions = Member(request, "TransactItems");
  if (!token || !token->IsString() || !actions) return Status::Validation("internal: ClientRequestToken");
  bool replay = false;
  DODB_RETURN_IF_ERROR(HoldIdempotencyToken(ctx.store, StringOf(*token), Fingerprint(*actions), &replay));
  WriteKey(out, "Replay");
  out.Bool(replay);
  return Status::OK();
}

Status TxnRelease(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* token = Member(request, "ClientRequestToken");
  if (!token || !token->IsString()) return Status::Validation("internal: ClientRequestToken");
  EndTokenHold(ctx.store, StringOf(*token), false);
  return Status::OK();
}

Status TxnDecide(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* txn = Member(request, "TxnId");
  std::string_view decision = StringOr(request, "Decision", "");
  if (!txn || !txn->IsString() || txn->GetStringLength() == 0 || (decision != "COMMIT" && decision != "ABORT"))
    return Status::Validation("internal: TxnId, Decision");
  std::string stands = Decide(ctx.store, StringOf(*txn), decision);
  SweepDecisions(ctx.store, ctx.store.NowMs() - kDecisionLifetimeMs);
  if (const JsonValue* token = Member(request, "ClientRequestToken"); token && token->IsString())
    EndTokenHold(ctx.store, StringOf(*token), stands == "COMMIT");
  WriteKey(out, "Decision");
  WriteString(out, stands);
  return Status::OK();
}

}  // namespace dodb::ops
