#include "request/write_condition.h"

#include "expr/condition_eval.h"
#include "expr/legacy_condition.h"
#include "request/request_fields.h"

namespace dodb {

Status PrepareWriteCondition(const JsonValue& request, ExpressionContext* expressions, WriteCondition* out) {
  out->return_item_on_failure = StringOr(request, "ReturnValuesOnConditionCheckFailure", "NONE") == "ALL_OLD";
  if (const JsonValue* text = Member(request, "ConditionExpression")) {
    Condition c;
    DODB_RETURN_IF_ERROR(expressions->PrepareCondition("ConditionExpression", StringOf(*text), &c));
    out->condition = std::move(c);
  } else if (const JsonValue* expected = Member(request, "Expected")) {
    DODB_RETURN_IF_ERROR(ExpectedToCondition(*expected, StringOr(request, "ConditionalOperator", "AND"), &out->condition));
  }
  return Status::OK();
}

Status CheckWriteCondition(const WriteCondition& condition, const AttributeMap* old_item) {
  if (!condition.condition) return Status::OK();
  static const AttributeMap kNoItem;
  if (EvaluateCondition(*condition.condition, old_item ? *old_item : kNoItem)) return Status::OK();
  Status failed = Status::ConditionalCheckFailed();
  if (condition.return_item_on_failure && old_item) {
    JsonWriter w;
    w.StartObject();
    WriteKey(w, "Item");
    WriteAttributeMap(w, *old_item);
    w.EndObject();
    std::string json(w.view().substr(1, w.view().size() - 2));  // members without the braces
    failed.set_extra_json(std::move(json));
  }
  return failed;
}

Status CheckConditionParameters(const JsonValue& request) {
  DODB_RETURN_IF_ERROR(CheckNoMixedParameters(request, {"Expected", "ConditionalOperator"}, {"ConditionExpression"}));
  return CheckPlaceholdersHaveExpressions(request, {"ConditionExpression"}, {"ConditionExpression"});
}

Status PrepareConditionOnly(const JsonValue& request, WriteCondition* out) {
  ExpressionContext expressions;
  DODB_RETURN_IF_ERROR(expressions.Init(request));
  DODB_RETURN_IF_ERROR(PrepareWriteCondition(request, &expressions, out));
  return expressions.CheckAllUsed();
}

}  // namespace dodb
