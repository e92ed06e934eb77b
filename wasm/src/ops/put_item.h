// put_item.h: PutItem's planner, which BatchWriteItem and TransactWriteItems share.
#ifndef DODB_OPS_PUT_ITEM_H_
#define DODB_OPS_PUT_ITEM_H_

#include "request/operation.h"
#include "request/write_plan.h"

namespace dodb {

// Validates a PutItem request and prepares its write (request/write_plan.h). With always_read_old
// the current item is read even when the request does not need it (transactions compare items).
Status PlanPutItem(OperationContext& ctx, const JsonValue& request, bool always_read_old, WritePlan* plan);

}  // namespace dodb

#endif  // DODB_OPS_PUT_ITEM_H_
