// condition_eval.h: evaluating a resolved Condition against an item (which may be empty: no
// item). DynamoDB's rules: a missing attribute makes a comparison false; values of different
// types are not equal (and <> is true); < <= > >= and BETWEEN order S by UTF-8 bytes, N by
// value and B by unsigned bytes, and are false for any other type pairing.
#ifndef DODB_CONDITION_EVAL_H_
#define DODB_CONDITION_EVAL_H_

#include <optional>

#include "format/attribute_value.h"
#include "expr/expression_ast.h"

namespace dodb {

bool EvaluateCondition(const Condition& condition, const AttributeMap& item);

// The value of a condition operand (path, :value or size()), or nullopt if it has none.
std::optional<AttributeValue> EvaluateOperand(const Operand& operand, const AttributeMap& item);

// Three-way order of two scalars of the same type (S, N or B).
int CompareScalars(const AttributeValue& a, const AttributeValue& b);

}  // namespace dodb

#endif  // DODB_CONDITION_EVAL_H_
