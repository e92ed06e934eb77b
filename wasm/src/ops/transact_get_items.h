// transact_get_items.h: the halves of TransactGetItems, shared with the parts of a read over
// several objects ("@TxnRead", transaction_participant.cc).
#ifndef DODB_OPS_TRANSACT_GET_ITEMS_H_
#define DODB_OPS_TRANSACT_GET_ITEMS_H_

#include <optional>
#include <vector>

#include "expr/expression_ast.h"
#include "request/operation.h"
#include "request/transaction.h"

namespace dodb {

struct PlannedGet {
  TransactionAction action;  // plan.key and plan.table; a reason if the Get cannot be read
  std::optional<ProjectionExpression> projection;
};

// Validates the request and resolves each Get (mine: only those marked; nullptr: all);
// TransactionCanceledException if any cannot be read (a bad key, an item a transaction over
// several objects is writing: TransactionConflict).
Status PlanTransactGet(OperationContext& ctx, const JsonValue& request, const std::vector<bool>* mine,
                       std::vector<PlannedGet>* planned);  // (expired locks named as CancellationIfAny does, from the router)
// Reads the planned items (mine as above) into "Responses", in order, and ConsumedCapacity.
Status WriteTransactGetResponses(OperationContext& ctx, const JsonValue& request, const std::vector<PlannedGet>& planned,
                                 const std::vector<bool>* mine, JsonWriter& out);

}  // namespace dodb

#endif  // DODB_OPS_TRANSACT_GET_ITEMS_H_
