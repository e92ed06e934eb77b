// transact_write_items.h: the planning half of TransactWriteItems, shared with the parts of a
// transaction over several objects ("@TxnPrepare" and "@TxnCommit", transaction_participant.cc).
#ifndef DODB_OPS_TRANSACT_WRITE_ITEMS_H_
#define DODB_OPS_TRANSACT_WRITE_ITEMS_H_

#include <vector>

#include "request/operation.h"
#include "request/transaction.h"

namespace dodb {

// Validates a TransactWriteItems request and prepares each action against the state before the
// transaction into (*planned)[i]: outcomes that cancel the transaction as reasons, errors that
// fail the request as the Status (*failed: the index of the action that raised it, or -1).
// mine: plan only the actions marked (the others, another object's, stay empty: no key, no
// write); nullptr: all. *total_bytes: the size of the planned actions' new items.
Status PlanTransactWrite(OperationContext& ctx, const JsonValue& request, const std::vector<bool>* mine,
                         std::vector<TransactionAction>* planned, size_t* total_bytes, int* failed);

// The ConsumedCapacity a replay of a committed request (ClientRequestToken) reports, if asked.
void WriteReplayCapacity(JsonWriter& out, const JsonValue& request, const std::vector<TransactionAction>& planned);

// "Collection size of items exceeded ..." past 4 MB of new items in one transaction.
Status CheckTransactionBytes(size_t total_bytes);

}  // namespace dodb

#endif  // DODB_OPS_TRANSACT_WRITE_ITEMS_H_
