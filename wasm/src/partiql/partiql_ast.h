// partiql_ast.h: a PartiQL statement as plain data (PartiQL for DynamoDB: SELECT, INSERT, UPDATE,
// DELETE, and EXISTS(SELECT ...) as a transaction's condition check). The parser
// (partiql_parser.h) builds it; the translator (partiql_translate.h) turns it into the DynamoDB
// operation request that does the same. Nothing here knows a table or a value's meaning.
#ifndef DODB_PARTIQL_PARTIQL_AST_H_
#define DODB_PARTIQL_PARTIQL_AST_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dodb::partiql {

// One step of a document path: an attribute name (a."b c") or a list index ([3]).
struct PathStep {
  bool is_index = false;
  std::string name;     // !is_index
  uint32_t index = 0;   // is_index
};

struct Path {
  std::vector<PathStep> steps;  // never empty; steps[0] is a name
};

enum class NodeKind : uint8_t {
  kPath,       // path
  kString,     // text: the string's characters
  kNumber,     // text: the literal as written, a leading '-' included
  kBool,       // flag
  kNull,
  kMissing,
  kParameter,  // parameter: 0-based position of the '?'
  kList,       // children: the elements ([a, b])
  kStruct,     // children: key, value, key, value ... ({'k': v})
  kBag,        // children: the elements (<<a, b>>)
  kCompare,    // text: "=", "<>", "<", "<=", ">", ">="; children: left, right
  kBetween,    // children: value, low, high
  kIn,         // children: value, list
  kAnd,        // children: left, right
  kOr,         // children: left, right
  kNot,        // children: operand
  kIs,         // text: MISSING, NULL, or a type name (upper case); flag: IS NOT; children: operand
  kCall,       // text: function name, lower case; children: arguments
  kArith,      // text: "+" or "-"; children: left, right
};

struct Node {
  NodeKind kind = NodeKind::kNull;
  Path path;
  std::string text;
  bool flag = false;
  size_t parameter = 0;
  std::vector<Node> children;
};

enum class StatementKind : uint8_t { kSelect, kInsert, kUpdate, kDelete, kExists };

// UPDATE's clauses, in the order written: SET path = value, REMOVE path.
struct UpdateAction {
  bool remove = false;
  Path path;
  Node value;  // SET only
};

struct OrderBy {
  std::string attribute;
  bool descending = false;
};

struct Statement {
  StatementKind kind = StatementKind::kSelect;
  std::string table;
  std::string index;                // SELECT ... FROM "table"."index"
  bool select_all = false;          // SELECT *
  std::vector<Path> projection;     // SELECT a, b.c
  bool has_where = false;
  Node where;
  std::vector<OrderBy> order_by;
  Node item;                        // INSERT ... VALUE {...}
  std::vector<UpdateAction> updates;
  std::string returning;            // DynamoDB's ReturnValues name (ALL_OLD ...), empty for none
  size_t parameter_count = 0;       // the '?'s in the statement
};

}  // namespace dodb::partiql

#endif  // DODB_PARTIQL_PARTIQL_AST_H_
