// update_item.h: UpdateItem's planner, which TransactWriteItems shares.
#ifndef DODB_OPS_UPDATE_ITEM_H_
#define DODB_OPS_UPDATE_ITEM_H_

#include "request/operation.h"
#include "request/write_plan.h"

namespace dodb {

// Validates an UpdateItem request, reads the current item and prepares the updated one.
Status PlanUpdateItem(OperationContext& ctx, const JsonValue& request, WritePlan* plan);

}  // namespace dodb

#endif  // DODB_OPS_UPDATE_ITEM_H_
