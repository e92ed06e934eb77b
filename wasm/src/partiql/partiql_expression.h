// partiql_expression.h: PartiQL paths, values and conditions written as DynamoDB expressions.
// An ExpressionBuilder hands out #n placeholders for attribute names and :v placeholders for
// values (AttributeValue JSON built from literals and '?' parameters), and writes the
// ExpressionAttributeNames / ExpressionAttributeValues that the texts it made use.
#ifndef DODB_PARTIQL_PARTIQL_EXPRESSION_H_
#define DODB_PARTIQL_PARTIQL_EXPRESSION_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "partiql/partiql_ast.h"
#include "util/json.h"
#include "util/status.h"

namespace dodb::partiql {

// True for a node that is a value (a literal, a parameter, a list, struct or bag of them).
bool IsValue(const Node& node);

class ExpressionBuilder {
 public:
  explicit ExpressionBuilder(const JsonValue* parameters) : parameters_(parameters) {}

  std::string Name(std::string_view attribute);    // "#n0"
  std::string PathText(const Path& path);          // "#n0.#n1[2]"
  Status Value(const Node& node, std::string* placeholder);  // ":v0"
  // A condition (WHERE) as a ConditionExpression / FilterExpression / KeyConditionExpression.
  Status Condition(const Node& node, std::string* text);
  // UPDATE's actions as an UpdateExpression.
  Status Update(const std::vector<UpdateAction>& actions, std::string* text);

  // The node's AttributeValue JSON.
  Status WriteValue(const Node& node, JsonWriter& w) const;
  // ExpressionAttributeNames and ExpressionAttributeValues, each if any were used.
  void WritePlaceholders(JsonWriter& w) const;

 private:
  Status Operand(const Node& node, std::string* text);
  Status UpdateOperand(const Node& node, std::string* text);
  static Status NotWellFormed(std::string_view function);

  const JsonValue* parameters_;
  std::vector<std::pair<std::string, std::string>> names_;  // attribute, placeholder
  std::vector<std::string> values_;                         // AttributeValue JSON, by :v number
};

}  // namespace dodb::partiql

#endif  // DODB_PARTIQL_PARTIQL_EXPRESSION_H_
