// read_common.h: the request handling Query and Scan share: Select / projection rules,
// FilterExpression or the legacy QueryFilter / ScanFilter, ExclusiveStartKey, IndexName,
// ConsistentRead, each with DynamoDB's messages. ops/query.cc and ops/scan.cc add their own
// key condition and segment rules around it.
#ifndef DODB_READ_COMMON_H_
#define DODB_READ_COMMON_H_

#include <optional>
#include <string_view>

#include "format/attribute_value.h"
#include "expr/expression_resolver.h"
#include "util/json.h"
#include "request/read_page.h"
#include "util/status.h"
#include "request/validation.h"

namespace dodb {

extern const Field kConditionMapMembers[2];  // QueryFilter / ScanFilter / KeyConditions entries

// What Query and Scan read from the request before the table is known.
struct ReadParameters {
  bool is_query = false;
  std::string_view select;  // empty: the default for the table or index
  std::optional<AttributeMap> exclusive_start_key;
  std::optional<std::vector<Path>> projection;
  std::optional<Condition> filter;
};

// Request-level checks (before expressions are resolved): Select combinations, legacy filter,
// AttributesToGet, ExclusiveStartKey values. filter_param: "QueryFilter" or "ScanFilter".
Status ReadRequestChecks(const JsonValue& request, std::string_view filter_param, ReadParameters* params);

// Prepares FilterExpression / ProjectionExpression through expressions.
Status PrepareReadExpressions(const JsonValue& request, ExpressionContext* expressions, ReadParameters* params);

// After the table is loaded: the index, ConsistentRead, Select against the index projection,
// and the start of the ReadRequest (table, index, select, projection, filter, consistency).
Status ResolveReadTarget(const JsonValue& request, const TableInfo& table, ReadParameters* params, ReadRequest* read);

}  // namespace dodb

#endif  // DODB_READ_COMMON_H_
