// expression_parser.h: hand-written recursive-descent parsers for DynamoDB's expression
// languages, producing expression_ast.h trees with placeholders unresolved.
//
// Condition grammar (also FilterExpression and KeyConditionExpression), lowest precedence first:
//   condition := and ( OR and )*            and := not ( AND not )*       not := NOT not | primary
//   primary   := '(' condition ')' | function '(' operands ')'
//              | operand comparator operand | operand BETWEEN operand AND operand
//              | operand IN '(' operand (',' operand)* ')'
//   operand   := path | :value | size '(' path ')'
//   path      := (name | #name) ( '.' (name | #name) | '[' digits ']' )*
// Update grammar: one or more of SET / REMOVE / ADD / DELETE clauses, each at most once:
//   SET path '=' value (',' ...)*   value := term (('+' | '-') term)?
//   term := path | :value | if_not_exists '(' path ',' term ')' | list_append '(' term ',' term ')'
//   REMOVE path (',' path)*    ADD path :value (',' ...)*    DELETE path :value (',' ...)*
// A condition function in an update is "not allowed in an update expression", an update function
// in a condition "not allowed in a condition expression" (DynamoDB's texts); names follow the
// token rules of expression_lexer.h.
// Projection grammar: path (',' path)*.
// Errors are ValidationExceptions worded as DynamoDB's ("Invalid ConditionExpression: ...").
#ifndef DODB_EXPRESSION_PARSER_H_
#define DODB_EXPRESSION_PARSER_H_

#include <string_view>

#include "expr/expression_ast.h"
#include "util/status.h"

namespace dodb {

// expression_kind is the parameter name used in messages, e.g. "ConditionExpression".
Status ParseCondition(std::string_view expression_kind, std::string_view text, Condition* out);
Status ParseUpdate(std::string_view text, UpdateExpression* out);
Status ParseProjection(std::string_view text, ProjectionExpression* out);

// "Invalid <kind>: <detail>" as a ValidationException.
Status InvalidExpression(std::string_view expression_kind, std::string_view detail);

}  // namespace dodb

#endif  // DODB_EXPRESSION_PARSER_H_
