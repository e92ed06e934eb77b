// key_condition.h: Query's key condition (KeyConditionExpression or legacy KeyConditions) as a
// list of per-attribute predicates, checked against the queried key schema (table or index,
// with multi-attribute GSI keys) and turned into one byte range of the store, since keys are
// encoded order-preserving (key_codec.h). DynamoDB's messages for each rule.
#ifndef DODB_KEY_CONDITION_H_
#define DODB_KEY_CONDITION_H_

#include <string>
#include <vector>

#include "format/attribute_value.h"
#include "expr/expression_ast.h"
#include "util/json.h"
#include "util/status.h"
#include "format/table_info.h"

namespace dodb {

struct KeyPredicate {
  enum class Op : uint8_t { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };
  std::string attribute;
  Op op = Op::kEq;
  std::vector<AttributeValue> values;  // one, or two for BETWEEN
};

// Flattens a resolved KeyConditionExpression into predicates (structural checks only).
Status KeyPredicatesFromExpression(const Condition& condition, std::vector<KeyPredicate>* out);
// The same from legacy KeyConditions ({"attr": {"ComparisonOperator", "AttributeValueList"}}).
Status KeyPredicatesFromLegacy(const JsonValue& key_conditions, std::vector<KeyPredicate>* out);

struct KeySchemaView {
  std::vector<KeyAttribute> hash_keys;
  std::vector<KeyAttribute> range_keys;
};

// Matches predicates to the schema and computes the store range [*start, *end) under prefix
// (the table's item prefix or the index's entry prefix). *partition receives the encoded
// hash key values (for ExclusiveStartKey boundary checks).
Status KeyRangeFor(const std::vector<KeyPredicate>& predicates, const KeySchemaView& schema,
                   const std::string& prefix, std::string* start, std::string* end, std::string* partition);

// Whether a key value satisfies a predicate (ExclusiveStartKey range checks).
bool KeyPredicateHolds(const KeyPredicate& p, const AttributeValue& v);

}  // namespace dodb

#endif  // DODB_KEY_CONDITION_H_
