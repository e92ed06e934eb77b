// legacy_condition.h: the pre-expression condition parameters (Expected with
// ConditionalOperator; later QueryFilter / ScanFilter) translated into the same Condition tree
// expressions produce, so one evaluator serves both. DynamoDB's messages for malformed entries.
#ifndef DODB_LEGACY_CONDITION_H_
#define DODB_LEGACY_CONDITION_H_

#include <optional>
#include <string_view>

#include "expr/expression_ast.h"
#include "util/json.h"
#include "util/status.h"

namespace dodb {

// expected: {"attr": {"Value"?, "Exists"?, "ComparisonOperator"?, "AttributeValueList"?}, ...}
// *out stays empty for an empty map (no condition).
Status ExpectedToCondition(const JsonValue& expected, std::string_view conditional_operator,
                           std::optional<Condition>* out);

}  // namespace dodb

#endif  // DODB_LEGACY_CONDITION_H_
