// transaction.h: what TransactWriteItems and TransactGetItems share: sorting each action's
// outcome into a request-level error or a cancellation reason (as DynamoDB does), the
// one-action-per-item rule, and TransactionCanceledException with its CancellationReasons.
#ifndef DODB_TRANSACTION_H_
#define DODB_TRANSACTION_H_

#include <string>
#include <utility>
#include <vector>

#include "util/json.h"
#include "util/status.h"
#include "request/write_plan.h"
#include "storage/store.h"

namespace dodb {

struct TransactionAction {
  WritePlan plan;
  std::string reason = "None";  // None, ConditionalCheckFailed, ValidationError
  std::string reason_message;
  std::string item_json;        // the item as a JSON object, for ConditionalCheckFailed with ALL_OLD
  std::string stale_txn;        // TransactionConflict with a transaction whose lock expired
};

// Stores a per-action outcome in t, or returns it when it fails the whole request.
Status ClassifyActionStatus(Status s, TransactionAction* t);
// "Transaction request cannot include multiple operations on one item".
Status CheckDistinctItems(const std::vector<TransactionAction>& actions);
// TransactionCanceledException if any action has a reason other than None. name_stale (for the
// shard router only): the error also lists, as "@Stale", the transactions whose expired locks
// caused TransactionConflict reasons, for the router to resolve (docs/SCALING.md).
Status CancellationIfAny(const std::vector<TransactionAction>& actions, bool name_stale = false);

// The "TxnId" member of an internal transaction-phase request (a transaction over several
// objects: at most 64 of [A-Za-z0-9_-]); ValidationException otherwise.
Status ReadTxnId(const JsonValue& request, std::string_view* txn);

// ConsumedCapacity (per table; each action's table arm times table_factor: 2 in a transaction)
// and ItemCollectionMetrics of a BatchWriteItem or TransactWriteItems whose actions committed.
void WriteMultiItemResponse(JsonWriter& out, Store& store, const JsonValue& request,
                            const std::vector<TransactionAction>& actions, double table_factor);

}  // namespace dodb

#endif  // DODB_TRANSACTION_H_
