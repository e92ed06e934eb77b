// expression_ast.h: the plain-data syntax tree of DynamoDB expressions (condition, filter,
// key condition, update, projection). Parsing (expression_parser.h) produces it with
// placeholders still in it; resolving (expression_resolver.h) substitutes #names and :values;
// evaluation works on the resolved tree only.
#ifndef DODB_EXPRESSION_AST_H_
#define DODB_EXPRESSION_AST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "format/attribute_value.h"

namespace dodb {

// One step of a document path: an attribute/map key name, or a list index.
struct PathElement {
  bool is_index = false;
  std::string name;     // the name, or as written ("#n") until resolved
  uint32_t index = 0;   // list index
  bool placeholder = false;  // name is an ExpressionAttributeNames key (before resolution)
};

struct Path {
  std::vector<PathElement> elements;
};

// Something that yields a value: a path, a :value, or a function of operands.
struct Operand {
  enum class Kind : uint8_t {
    kPath,         // path
    kValue,        // value (value_ref before resolution)
    kSize,         // size(args[0])
    kIfNotExists,  // if_not_exists(args[0] = path, args[1])          (update SET only)
    kListAppend,   // list_append(args[0], args[1])                    (update SET only)
    kPlus,         // args[0] + args[1]                                (update SET only)
    kMinus,        // args[0] - args[1]                                (update SET only)
  };
  Kind kind = Kind::kPath;
  Path path;
  std::string value_ref;  // ":v" as written
  AttributeValue value;   // after resolution
  std::vector<Operand> args;
};

enum class Comparator : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

struct Condition {
  enum class Kind : uint8_t {
    kCompare,             // operands[0] op operands[1]
    kBetween,             // operands[0] BETWEEN operands[1] AND operands[2]
    kIn,                  // operands[0] IN (operands[1..])
    kAnd, kOr, kNot,      // children
    kAttributeExists,     // attribute_exists(operands[0])
    kAttributeNotExists,  // attribute_not_exists(operands[0])
    kAttributeType,       // attribute_type(operands[0], operands[1])
    kBeginsWith,          // begins_with(operands[0], operands[1])
    kContains,            // contains(operands[0], operands[1])
  };
  Kind kind = Kind::kCompare;
  Comparator comparator = Comparator::kEq;
  std::vector<Operand> operands;
  std::vector<Condition> children;
};

struct UpdateAction {
  enum class Kind : uint8_t { kSet, kRemove, kAdd, kDelete };
  Kind kind = Kind::kSet;
  Path path;
  Operand value;  // SET: the value; ADD/DELETE: the :value; REMOVE: unused
};

struct UpdateExpression {
  std::vector<UpdateAction> actions;  // in clause order, then written order
};

struct ProjectionExpression {
  std::vector<Path> paths;
};

}  // namespace dodb

#endif  // DODB_EXPRESSION_AST_H_
