// request_fields.h: parameter declarations shared by several operations (validation.h), with
// the constraints of the AWS model and the enum orders DynamoDB prints.
#ifndef DODB_REQUEST_FIELDS_H_
#define DODB_REQUEST_FIELDS_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "util/json.h"
#include "util/status.h"
#include "request/validation.h"

namespace dodb {

inline constexpr Field kTableNameField = Field{"TableName", Kind::String}.Required().NamePattern().MinLength(3).MaxLength(255);

constexpr Field EnumField(std::string_view name, std::string_view values) {
  return Field{name, Kind::String}.Enum(values);
}

inline constexpr Field kReturnConsumedCapacityField = EnumField("ReturnConsumedCapacity", "[INDEXES, TOTAL, NONE]");
inline constexpr Field kReturnValuesField = EnumField("ReturnValues", "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
inline constexpr Field kReturnItemCollectionMetricsField = EnumField("ReturnItemCollectionMetrics", "[SIZE, NONE]");
inline constexpr Field kConditionalOperatorField = EnumField("ConditionalOperator", "[OR, AND]");

inline constexpr Field kExpectedMembers[] = {
    Field{"Value", Kind::AttributeValue},
    Field{"Exists", Kind::Boolean},
    EnumField("ComparisonOperator",
              "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"),
    Field{"AttributeValueList", Kind::AttributeValueList},
};
inline constexpr Field kExpectedField = StructField("Expected", Kind::StructMap, kExpectedMembers, "ExpectedAttributeValue");

constexpr Field RequiredField(std::string_view name, Kind kind) { return Field{name, kind}.Required(); }

// Members several operations declare alike.
inline constexpr Field kExpressionAttributeNamesField{"ExpressionAttributeNames", Kind::StringMap};
inline constexpr Field kExpressionAttributeValuesField{"ExpressionAttributeValues", Kind::AttributeMap};
inline constexpr Field kConditionExpressionField{"ConditionExpression", Kind::String};
inline constexpr Field kProjectionExpressionField{"ProjectionExpression", Kind::String};
inline constexpr Field kFilterExpressionField{"FilterExpression", Kind::String};
inline constexpr Field kConsistentReadField{"ConsistentRead", Kind::Boolean};
inline constexpr Field kExclusiveStartKeyField{"ExclusiveStartKey", Kind::AttributeMap};
inline constexpr Field kReturnValuesOnConditionCheckFailureField =
    EnumField("ReturnValuesOnConditionCheckFailure", "[ALL_OLD, NONE]");

// PutItem's, DeleteItem's and UpdateItem's parameters in the AWS model's order: `target` is the
// Item or the Key; `updates` (UpdateItem's AttributeUpdates, UpdateExpression) stand between
// Expected and ConditionExpression.
template <size_t N = 0>
constexpr std::array<Field, 11 + N> ItemWriteFields(Field target, std::array<Field, N> updates = {}) {
  std::array<Field, 11 + N> f{kReturnConsumedCapacityField, kTableNameField, target, kReturnValuesField,
                              kReturnItemCollectionMetricsField, kConditionalOperatorField, kExpectedField};
  size_t at = 7;
  for (const Field& u : updates) f[at++] = u;
  for (const Field& c : {kConditionExpressionField, kExpressionAttributeNamesField,
                         kExpressionAttributeValuesField, kReturnValuesOnConditionCheckFailureField})
    f[at++] = c;
  return f;
}

// A ValidationException for a parameter this engine does not implement yet (README lists them).
Status RejectUnsupported(const JsonValue& request, std::initializer_list<const char*> names);

// Batch RequestItems map keys are table names: DynamoDB reports a bad one as a constraint on the
// whole map (dynalite test/batchGetItem.js:128, test/batchWriteItem.js).
Status CheckRequestItemsTableNames(const JsonValue& request_items);

// The string value of an optional string member, or fallback.
std::string_view StringOr(const JsonValue& request, const char* name, std::string_view fallback);
// The member as an unsigned 32-bit number, or fallback when it is absent or not one.
uint32_t UintOr(const JsonValue& request, const char* name, uint32_t fallback);

// "Can not use both expression and non-expression parameters ..." if request mixes them.
Status CheckNoMixedParameters(const JsonValue& request, std::initializer_list<const char*> legacy,
                              std::initializer_list<const char*> expressions);

// "ExpressionAttributeNames/Values can only be specified when using expressions" checks.
// value_users: the expression parameters that take values, as named in the message.
Status CheckPlaceholdersHaveExpressions(const JsonValue& request, std::initializer_list<const char*> name_users,
                                        std::initializer_list<const char*> value_users);

}  // namespace dodb

#endif  // DODB_REQUEST_FIELDS_H_
