#include "request/write_condition.h"

#include "expr/condition_eval.h"
#include "expr/legacy_condition.h"
#include "request/request_fields.h"

namespace dodb {

Status CheckNoMixedParameters(const JsonValue& request, std::initializer_list<const char*> legacy,
                              std::initializer_list<const char*> expressions) {
  auto present = [&](std::initializer_list<const char*> names) {
    std::string list;
    for (const char* n : names) {
      if (!Member(request, n)) continue;
      if (!list.empty()) list += ", ";
      list += n;
    }
    return list;
  };
  std::string l = present(legacy), e = present(expressions);
  if (l.empty() || e.empty()) return Status::OK();
  return Status::Validation(
      "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" +
      l + "} Expression parameters: {" + e + "}");
}

Status CheckPlaceholdersHaveExpressions(const JsonValue& request, std::initializer_list<const char*> name_users,
                                        std::initializer_list<const char*> value_users) {
  bool any_name_user = false;
  for (const char* n : name_users) any_name_user = any_name_user || Member(request, n);
  if (Member(request, "ExpressionAttributeNames") && !any_name_user)
    return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  bool any_value_user = false;
  std::string missing;
  for (const char* n : value_users) {
    if (Member(request, n)) {
      any_value_user = true;
      continue;
    }
    if (!missing.empty()) missing += " and ";
    missing += n;
  }
  if (Member(request, "ExpressionAttributeValues") && !any_value_user)
    return Status::Validation("ExpressionAttributeValues can only be specified when using expressions: " + missing +
                              (value_users.size() > 1 ? " are null" : " is null"));
  return Status::OK();
}

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

}  // namespace dodb
