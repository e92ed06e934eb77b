// expression_resolver.h: the second stage of expressions. An ExpressionContext holds a
// request's ExpressionAttributeNames and ExpressionAttributeValues, substitutes them into
// parsed trees (recording which were used, so unused ones are reported as DynamoDB does), and
// makes the static checks that need the values' types (function operand types, BETWEEN bounds).
#ifndef DODB_EXPRESSION_RESOLVER_H_
#define DODB_EXPRESSION_RESOLVER_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "format/attribute_value.h"
#include "expr/expression_ast.h"
#include "util/json.h"
#include "util/status.h"

namespace dodb {

class ExpressionContext {
 public:
  // Reads and validates ExpressionAttributeNames / ExpressionAttributeValues of request.
  Status Init(const JsonValue& request);

  // Parse + resolve one expression of the request (kind: "ConditionExpression", ...).
  Status PrepareCondition(std::string_view kind, std::string_view text, Condition* out);
  Status PrepareUpdate(std::string_view text, UpdateExpression* out);
  Status PrepareProjection(std::string_view text, ProjectionExpression* out);

  // After all of the request's expressions are prepared: every name and value must be used.
  Status CheckAllUsed() const;

  bool has_names() const { return has_names_; }
  bool has_values() const { return has_values_; }

 private:
  Status ResolvePath(std::string_view kind, Path* path);
  Status ResolveOperand(std::string_view kind, Operand* op);
  Status ResolveCondition(std::string_view kind, Condition* c);

  AttributeMap names_;   // "#n" -> S value holding the name (sorted, reusing AttributeMap)
  AttributeMap values_;  // ":v" -> value
  std::set<std::string> used_names_;
  std::set<std::string> used_values_;
  bool has_names_ = false;
  bool has_values_ = false;
};

// Overlapping ("a" and "a.b") or conflicting ("a.b" and "a[1]") paths, with DynamoDB's messages.
Status CheckPathsDisjoint(std::string_view kind, const std::vector<const Path*>& paths);

}  // namespace dodb

#endif  // DODB_EXPRESSION_RESOLVER_H_
