// ConditionCheck, an action of TransactWriteItems: a condition on one item, which writes nothing.
#include "ops/condition_check.h"

#include "request/request_fields.h"

namespace dodb {
namespace {

constexpr Field kConditionCheckFields[] = {
    kTableNameField,
    RequiredField("Key", Kind::AttributeMap),
    RequiredField("ConditionExpression", Kind::String),
    kExpressionAttributeNamesField,
    kExpressionAttributeValuesField,
    kReturnValuesOnConditionCheckFailureField,
};

}  // namespace

Status PlanConditionCheck(OperationContext& ctx, const JsonValue& request, WritePlan* plan) {
  plan->writes = false;
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kConditionCheckFields));
  return PlanKeyedWrite(ctx, request, true, plan);
}

}  // namespace dodb
