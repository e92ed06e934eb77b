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

// "Can not use both expression and non-expression parameters ..." if request mixes them.
Status CheckNoMixedParameters(const JsonValue& request, std::initializer_list<const char*> legacy,
                              std::initializer_list<const char*> expressions);

// "ExpressionAttributeNames/Values can only be specified when using expressions" checks.
// value_users: the expression parameters that take values, as named in the message.
Status CheckPlaceholdersHaveExpressions(const JsonValue& request, std::initializer_list<const char*> name_users,
                                        std::initializer_list<const char*> value_users);

}  // namespace dodb

#endif  // DODB_WRITE_CONDITION_H_
