// write_condition.h: the condition of a write (PutItem, UpdateItem, DeleteItem): a
// ConditionExpression, or the legacy Expected map turned into the same Condition tree, and
// its check against the current item with DynamoDB's ConditionalCheckFailedException
// (carrying the item when ReturnValuesOnConditionCheckFailure is ALL_OLD).
#ifndef DODB_WRITE_CONDITION_H_
#define DODB_WRITE_CONDITION_H_

#include <optional>

#include "format/attribute_value.h"
#include "expr/expression_ast.h"
#include "expr/expression_resolver.h"
#include "util/json.h"
#include "util/status.h"

namespace dodb {

struct WriteCondition {
  std::optional<Condition> condition;  // none: unconditional
  bool return_item_on_failure = false;
};

// Reads ConditionExpression / Expected / ConditionalOperator / ReturnValuesOnConditionCheckFailure.
Status PrepareWriteCondition(const JsonValue& request, ExpressionContext* expressions, WriteCondition* out);

// OK if the condition holds for old_item (nullptr: no item), else ConditionalCheckFailedException.
Status CheckWriteCondition(const WriteCondition& condition, const AttributeMap* old_item);

// For requests whose only expression is the condition (PutItem, DeleteItem, ConditionCheck):
// no legacy and expression parameters mixed, placeholders only beside ConditionExpression ...
Status CheckConditionParameters(const JsonValue& request);
// ... and the condition prepared, every placeholder used.
Status PrepareConditionOnly(const JsonValue& request, WriteCondition* out);

}  // namespace dodb

#endif  // DODB_WRITE_CONDITION_H_
