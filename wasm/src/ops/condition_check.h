// condition_check.h: TransactWriteItems' ConditionCheck action.
#ifndef DODB_OPS_CONDITION_CHECK_H_
#define DODB_OPS_CONDITION_CHECK_H_

#include "request/operation.h"
#include "request/write_plan.h"

namespace dodb {

// Validates a ConditionCheck action, reads the item and checks the condition; plans no write.
Status PlanConditionCheck(OperationContext& ctx, const JsonValue& request, WritePlan* plan);

}  // namespace dodb

#endif  // DODB_OPS_CONDITION_CHECK_H_
