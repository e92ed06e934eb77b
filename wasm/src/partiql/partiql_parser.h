// partiql_parser.h: a recursive-descent parser from PartiQL for DynamoDB's statement text to the
// plain-data Statement of partiql_ast.h. It checks the grammar only; which paths are keys, and
// what a value means, is the translator's (partiql_translate.h).
//
// statement := SELECT projection FROM name ['.' name] [WHERE expr] [ORDER BY name [ASC|DESC], ...]
//            | INSERT INTO name VALUE expr
//            | UPDATE name (SET path = expr, ... | REMOVE path, ...)+ [WHERE expr] [RETURNING ...]
//            | DELETE FROM name [WHERE expr] [RETURNING ALL OLD *]
//            | EXISTS ( SELECT ... )                      (ExecuteTransaction's condition check)
// expr       := OR / AND / NOT over predicates: comparisons (= <> != < <= > >=), [NOT] BETWEEN,
//               [NOT] IN [list], IS [NOT] MISSING|NULL|<type>, function calls; values are
//               'strings', numbers, TRUE, FALSE, NULL, MISSING, ?, [lists], {'structs'}, <<bags>>,
//               and + / - between them.
#ifndef DODB_PARTIQL_PARTIQL_PARSER_H_
#define DODB_PARTIQL_PARTIQL_PARSER_H_

#include <string_view>

#include "partiql/partiql_ast.h"
#include "util/status.h"

namespace dodb::partiql {

// Parses one statement. Errors are ValidationExceptions in DynamoDB's words ("Statement wasn't
// well formed, can't be processed: ...", "Unsupported operation: ...").
Status ParseStatement(std::string_view text, Statement* out);

}  // namespace dodb::partiql

#endif  // DODB_PARTIQL_PARTIQL_PARSER_H_
