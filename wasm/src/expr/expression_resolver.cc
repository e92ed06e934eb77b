#include "expr/expression_resolver.h"
#include <algorithm>

#include <optional>

#include "util/cold.h"
#include "expr/condition_eval.h"
#include "expr/document_path.h"
#include "expr/expression_parser.h"

namespace dodb {
namespace {

constexpr size_t kMaxInOperands = 100;

// Names and values are both sorted through this one function: a lambda at each call site made
// two identical copies of std::sort (6.5 KB of wasm each).
void SortByName(std::vector<Attribute>* attributes) {
  std::sort(attributes->begin(), attributes->end(),
            [](const Attribute& a, const Attribute& b) { return a.name < b.name; });
}

bool IsPath(const Operand& op) { return op.kind == Operand::Kind::kPath; }

std::string_view FunctionName(Condition::Kind k) {
  switch (k) {
    case Condition::Kind::kAttributeExists: return "attribute_exists";
    case Condition::Kind::kAttributeNotExists: return "attribute_not_exists";
    case Condition::Kind::kAttributeType: return "attribute_type";
    case Condition::Kind::kBeginsWith: return "begins_with";
    case Condition::Kind::kContains: return "contains";
    default: return "";
  }
}

// How DynamoDB prints a value in messages: {N:5}, {S:abc}.
DODB_COLD std::string ValueDisplay(const AttributeValue& v) {
  std::string s = "{" + std::string(TypeName(v.type)) + ":";
  if (v.type == ValueType::S || v.type == ValueType::N) s += v.scalar;
  return s + "}";
}

Status RequiresPath(std::string_view kind, std::string_view fn) {
  return InvalidExpression(kind, "Operator or function requires a document path; operator or function: " + std::string(fn));
}

Status OperandType(std::string_view kind, std::string_view fn, ValueType t) {
  return InvalidExpression(kind, "Incorrect operand type for operator or function; operator or function: " +
                                     std::string(fn) + ", operand type: " + std::string(TypeName(t)));
}

// The type an operand is known to have before evaluation (a :value, or a function's result).
std::optional<ValueType> StaticType(const Operand& op) {
  switch (op.kind) {
    case Operand::Kind::kValue: return op.value.type;
    case Operand::Kind::kSize: return ValueType::N;
    case Operand::Kind::kListAppend: return ValueType::L;
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: return ValueType::N;
    default: return std::nullopt;
  }
}

// Operand types of size, list_append, + and - that are wrong whatever the item holds.
Status CheckOperandTypes(std::string_view kind, const Operand& op) {
  auto check = [&](std::string_view fn, const Operand& arg, auto allowed) -> Status {
    std::optional<ValueType> t = StaticType(arg);
    if (t && !allowed(*t)) return OperandType(kind, fn, *t);
    return Status::OK();
  };
  switch (op.kind) {
    case Operand::Kind::kSize:
      return check("size", op.args[0], [](ValueType t) {
        return t != ValueType::N && t != ValueType::BOOL && t != ValueType::NUL;
      });
    case Operand::Kind::kListAppend:
      for (const Operand& a : op.args)
        DODB_RETURN_IF_ERROR(check("list_append", a, [](ValueType t) { return t == ValueType::L; }));
      return Status::OK();
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus:
      for (const Operand& a : op.args)
        DODB_RETURN_IF_ERROR(check(op.kind == Operand::Kind::kPlus ? "+" : "-", a,
                                   [](ValueType t) { return t == ValueType::N; }));
      return Status::OK();
    default:
      return Status::OK();
  }
}

bool SamePath(const Path& a, const Path& b) {
  if (a.elements.size() != b.elements.size()) return false;
  for (size_t i = 0; i < a.elements.size(); ++i) {
    const PathElement& x = a.elements[i];
    const PathElement& y = b.elements[i];
    if (x.is_index != y.is_index || (x.is_index ? x.index != y.index : x.name != y.name)) return false;
  }
  return true;
}

// "a = a", "contains(a, a)": the first operand may not be repeated when it is a path.
Status CheckDistinctFirstOperand(std::string_view kind, const Condition& c, std::string_view op) {
  const Operand& first = c.operands[0];
  if (!IsPath(first)) return Status::OK();
  for (size_t i = 1; i < c.operands.size(); ++i)
    if (IsPath(c.operands[i]) && SamePath(first.path, c.operands[i].path))
      return InvalidExpression(kind, "The first operand must be distinct from the remaining operands for this operator "
                                     "or function; operator: " + std::string(op) + ", first operand: " +
                                         PathDisplay(first.path));
  return Status::OK();
}

std::string_view ComparatorText(Comparator c) {
  switch (c) {
    case Comparator::kEq: return "=";
    case Comparator::kNe: return "<>";
    case Comparator::kLt: return "<";
    case Comparator::kLe: return "<=";
    case Comparator::kGt: return ">";
    case Comparator::kGe: return ">=";
  }
  return "";
}

// DynamoDB's long type names in ADD/DELETE operand errors.
std::string_view LongTypeName(ValueType t) {
  switch (t) {
    case ValueType::S: return "STRING";
    case ValueType::N: return "NUMBER";
    case ValueType::B: return "BINARY";
    case ValueType::NUL: return "NULL";
    case ValueType::BOOL: return "BOOLEAN";
    case ValueType::L: return "LIST";
    case ValueType::M: return "MAP";
    default: return TypeName(t);
  }
}

// "#name" / ":value": the sigil, then one or more of [A-Za-z0-9_].
bool IsPlaceholderKey(std::string_view key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  for (char c : key.substr(1))
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

constexpr std::string_view kValidTypes[] = {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"};

}  // namespace

Status ExpressionContext::Init(const JsonValue& request) {
  if (const JsonValue* names = Member(request, "ExpressionAttributeNames")) {
    has_names_ = true;
    if (names->MemberCount() == 0) return Status::Validation("ExpressionAttributeNames must not be empty");
    for (const auto& m : names->GetObject()) {
      std::string_view key = StringOf(m.name);
      if (!IsPlaceholderKey(key, '#'))
        return Status::Validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" +
                                  std::string(key) + "\"");
      names_.push_back(Attribute{std::string(key), AttributeValue::Scalar(ValueType::S, std::string(StringOf(m.value)))});
    }
    SortByName(&names_);
  }
  if (const JsonValue* values = Member(request, "ExpressionAttributeValues")) {
    has_values_ = true;
    if (values->MemberCount() == 0) return Status::Validation("ExpressionAttributeValues must not be empty");
    for (const auto& m : values->GetObject()) {
      std::string_view key = StringOf(m.name);
      if (!IsPlaceholderKey(key, ':'))
        return Status::Validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" +
                                  std::string(key) + "\"");
      AttributeValue v;
      Status s = DecodeAttributeValue(m.value, 1, &v);
      if (!s.ok())
        return Status::Validation("ExpressionAttributeValues contains invalid value: " + s.message() + " for key " +
                                  std::string(key));
      values_.push_back(Attribute{std::string(key), std::move(v)});
    }
    SortByName(&values_);
  }
  return Status::OK();
}

Status ExpressionContext::ResolvePath(std::string_view kind, Path* path) {
  for (PathElement& e : path->elements) {
    if (!e.placeholder) continue;
    const AttributeValue* name = FindAttribute(names_, e.name);
    if (!name)
      return InvalidExpression(kind, "An expression attribute name used in the document path is not defined; attribute name: " + e.name);
    used_names_.insert(e.name);
    e.name = name->scalar;
    e.placeholder = false;
  }
  return Status::OK();
}

Status ExpressionContext::ResolveOperand(std::string_view kind, Operand* op) {
  if (op->kind == Operand::Kind::kValue) {
    const AttributeValue* v = FindAttribute(values_, op->value_ref);
    if (!v)
      return InvalidExpression(kind, "An expression attribute value used in expression is not defined; attribute value: " +
                                         op->value_ref);
    used_values_.insert(op->value_ref);
    op->value = *v;
    return Status::OK();
  }
  if (op->kind == Operand::Kind::kPath) return ResolvePath(kind, &op->path);
  for (Operand& a : op->args) DODB_RETURN_IF_ERROR(ResolveOperand(kind, &a));
  return CheckOperandTypes(kind, *op);
}

Status ExpressionContext::ResolveCondition(std::string_view kind, Condition* c) {
  for (Condition& child : c->children) DODB_RETURN_IF_ERROR(ResolveCondition(kind, &child));
  for (Operand& op : c->operands) DODB_RETURN_IF_ERROR(ResolveOperand(kind, &op));
  using K = Condition::Kind;
  switch (c->kind) {
    case K::kCompare:
      return CheckDistinctFirstOperand(kind, *c, ComparatorText(c->comparator));
    case K::kAttributeExists:
    case K::kAttributeNotExists:
    case K::kAttributeType:
      if (!IsPath(c->operands[0])) return RequiresPath(kind, FunctionName(c->kind));
      if (c->kind == K::kAttributeType) {
        DODB_RETURN_IF_ERROR(CheckDistinctFirstOperand(kind, *c, "attribute_type"));
        const Operand& t = c->operands[1];
        // The type name must be a :value; for a path DynamoDB names every type the path might
        // hold (dynalite test/query.js:809 pins the text up to "operand type:").
        if (IsPath(t))
          return InvalidExpression(kind, "Incorrect operand type for operator or function; operator or function: "
                                         "attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
        if (std::optional<ValueType> static_type = StaticType(t); static_type && t.kind != Operand::Kind::kValue)
          return OperandType(kind, "attribute_type", *static_type);
        if (t.kind == Operand::Kind::kValue) {
          if (t.value.type != ValueType::S) return OperandType(kind, "attribute_type", t.value.type);
          bool valid = false;
          for (std::string_view name : kValidTypes) valid = valid || name == t.value.scalar;
          if (!valid)
            return InvalidExpression(kind, "Invalid attribute type name found; type: " + t.value.scalar +
                                               ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
      }
      return Status::OK();
    case K::kBeginsWith:
      DODB_RETURN_IF_ERROR(CheckDistinctFirstOperand(kind, *c, "begins_with"));
      for (const Operand& op : c->operands) {
        std::optional<ValueType> t = StaticType(op);
        if (t && *t != ValueType::S && *t != ValueType::B) return OperandType(kind, "begins_with", *t);
      }
      return Status::OK();
    case K::kContains:
      return CheckDistinctFirstOperand(kind, *c, "contains");
    case K::kIn:
      if (c->operands.size() - 1 > kMaxInOperands)
        return InvalidExpression(kind, "The IN operator is provided with too many operands; number of operands: " +
                                           std::to_string(c->operands.size() - 1));
      return Status::OK();
    case K::kBetween: {
      const Operand& lo = c->operands[1];
      const Operand& hi = c->operands[2];
      if (lo.kind == Operand::Kind::kValue && hi.kind == Operand::Kind::kValue && lo.value.type != hi.value.type)
        return InvalidExpression(kind, "The BETWEEN operator requires same data type for lower and upper bounds; lower "
                                       "bound operand: AttributeValue: " + ValueDisplay(lo.value) +
                                           ", upper bound operand: AttributeValue: " + ValueDisplay(hi.value));
      if (lo.kind == Operand::Kind::kValue && hi.kind == Operand::Kind::kValue && lo.value.type == hi.value.type &&
          (lo.value.type == ValueType::S || lo.value.type == ValueType::N || lo.value.type == ValueType::B) &&
          CompareScalars(lo.value, hi.value) > 0)
        return InvalidExpression(kind,
                                 "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                                 "bound; lower bound operand: AttributeValue: " + ValueDisplay(lo.value) +
                                     ", upper bound operand: AttributeValue: " + ValueDisplay(hi.value));
      return Status::OK();
    }
    default:
      return Status::OK();
  }
}

Status ExpressionContext::PrepareCondition(std::string_view kind, std::string_view text, Condition* out) {
  DODB_RETURN_IF_ERROR(ParseCondition(kind, text, out));
  return ResolveCondition(kind, out);
}

Status ExpressionContext::PrepareUpdate(std::string_view text, UpdateExpression* out) {
  constexpr std::string_view kKind = "UpdateExpression";
  DODB_RETURN_IF_ERROR(ParseUpdate(text, out));
  for (UpdateAction& a : out->actions) DODB_RETURN_IF_ERROR(ResolvePath(kKind, &a.path));
  for (UpdateAction& a : out->actions)
    if (a.kind != UpdateAction::Kind::kRemove) DODB_RETURN_IF_ERROR(ResolveOperand(kKind, &a.value));
  std::vector<const Path*> paths;
  for (const UpdateAction& a : out->actions) paths.push_back(&a.path);
  DODB_RETURN_IF_ERROR(CheckPathsDisjoint(kKind, paths));
  for (const UpdateAction& a : out->actions) {
    ValueType t = a.value.value.type;
    bool set = t == ValueType::SS || t == ValueType::NS || t == ValueType::BS;
    if ((a.kind == UpdateAction::Kind::kAdd && t != ValueType::N && !set) ||
        (a.kind == UpdateAction::Kind::kDelete && !set))
      return InvalidExpression(kKind, "Incorrect operand type for operator or function; operator: " +
                                          std::string(a.kind == UpdateAction::Kind::kAdd ? "ADD" : "DELETE") +
                                          ", operand type: " + std::string(LongTypeName(t)));
  }
  return Status::OK();
}

Status ExpressionContext::PrepareProjection(std::string_view text, ProjectionExpression* out) {
  DODB_RETURN_IF_ERROR(ParseProjection(text, out));
  for (Path& p : out->paths) DODB_RETURN_IF_ERROR(ResolvePath("ProjectionExpression", &p));
  std::vector<const Path*> paths;
  for (const Path& p : out->paths) paths.push_back(&p);
  return CheckPathsDisjoint("ProjectionExpression", paths);
}

Status CheckPathsDisjoint(std::string_view kind, const std::vector<const Path*>& paths) {
  auto same_step = [](const PathElement& a, const PathElement& b) {
    return a.is_index == b.is_index && (a.is_index ? a.index == b.index : a.name == b.name);
  };
  for (size_t i = 0; i < paths.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      const Path& one = *paths[j];
      const Path& two = *paths[i];
      size_t n = std::min(one.elements.size(), two.elements.size());
      size_t k = 0;
      while (k < n && same_step(one.elements[k], two.elements[k])) ++k;
      std::string both = "path one: " + PathDisplay(one) + ", path two: " + PathDisplay(two);
      if (k == n)
        return InvalidExpression(kind, "Two document paths overlap with each other; must remove or rewrite one of these paths; " + both);
      if (one.elements[k].is_index != two.elements[k].is_index)
        return InvalidExpression(kind, "Two document paths conflict with each other; must remove or rewrite one of these paths; " + both);
    }
  }
  return Status::OK();
}

Status ExpressionContext::CheckAllUsed() const {
  auto unused = [](const AttributeMap& given, const std::set<std::string>& used) {
    std::string keys;
    for (const Attribute& a : given) {
      if (used.count(a.name)) continue;
      if (!keys.empty()) keys += ", ";
      keys += a.name;
    }
    return keys;
  };
  std::string names = unused(names_, used_names_);
  if (!names.empty())
    return Status::Validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + names + "}");
  std::string values = unused(values_, used_values_);
  if (!values.empty())
    return Status::Validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + values + "}");
  return Status::OK();
}

}  // namespace dodb
