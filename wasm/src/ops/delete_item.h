// delete_item.h: DeleteItem's planner, which BatchWriteItem and TransactWriteItems share.
#ifndef DODB_OPS_DELETE_ITEM_H_
#define DODB_OPS_DELETE_ITEM_H_

#include "request/operation.h"
#include "request/write_plan.h"

namespace dodb {

// Validates a DeleteItem request and prepares its write; always_read_old as in PlanPutItem.
Status PlanDeleteItem(OperationContext& ctx, const JsonValue& request, bool always_read_old, WritePlan* plan);

}  // namespace dodb

#endif  // DODB_OPS_DELETE_ITEM_H_
