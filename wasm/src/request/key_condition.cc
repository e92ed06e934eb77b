#include "request/key_condition.h"

#include "expr/condition_eval.h"
#include "expr/expression_parser.h"
#include "format/key_codec.h"
#include "format/keyspace.h"

namespace dodb {
namespace {

constexpr std::string_view kKind = "KeyConditionExpression";

Status InvalidOperator(std::string_view op) {
  return Status::Validation("Invalid operator used in KeyConditionExpression: " + std::string(op));
}
Status InvalidCondition(std::string_view detail) {
  return Status::Validation("Invalid condition in KeyConditionExpression: " + std::string(detail));
}
Status NotSupported() { return Status::Validation("Query key condition not supported"); }
Status Missed(const std::string& name) {
  return Status::Validation("Query condition missed key schema element: " + name);
}
Status TypeMismatch() {
  return Status::Validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
}

bool IsPath(const Operand& op) { return op.kind == Operand::Kind::kPath; }

Status CheckOperands(const Condition& c) {
  for (const Operand& op : c.operands) {
    if (op.kind == Operand::Kind::kSize) return Status::Validation("KeyConditionExpressions cannot contain nested operations");
    if (IsPath(op) && op.path.elements.size() > 1)
      return InvalidExpression(kKind, "KeyConditionExpressions cannot have conditions on nested attributes");
  }
  int paths = 0;
  for (const Operand& op : c.operands) paths += IsPath(op);
  if (paths > 1) return InvalidCondition("Multiple attribute names used in one condition");
  if (paths == 0) return InvalidCondition("No key attribute specified");
  return Status::OK();
}

Status Collect(const Condition& c, std::vector<KeyPredicate>* out) {
  using K = Condition::Kind;
  KeyPredicate p;
  switch (c.kind) {
    case K::kAnd:
      DODB_RETURN_IF_ERROR(Collect(c.children[0], out));
      return Collect(c.children[1], out);
    case K::kOr: return InvalidOperator("OR");
    case K::kNot: return InvalidOperator("NOT");
    case K::kIn: return InvalidOperator("IN");
    case K::kAttributeExists: return InvalidOperator("attribute_exists");
    case K::kAttributeNotExists: return InvalidOperator("attribute_not_exists");
    case K::kAttributeType: return InvalidOperator("attribute_type");
    case K::kContains: return InvalidOperator("contains");
    case K::kCompare: {
      if (c.comparator == Comparator::kNe) return InvalidOperator("<>");
      DODB_RETURN_IF_ERROR(CheckOperands(c));
      bool flipped = !IsPath(c.operands[0]);  // ":v <= a" means "a >= :v"
      const Operand& path = c.operands[flipped ? 1 : 0];
      const Operand& value = c.operands[flipped ? 0 : 1];
      p.attribute = path.path.elements[0].name;
      p.values.push_back(value.value);
      static constexpr KeyPredicate::Op kOps[] = {KeyPredicate::Op::kEq, KeyPredicate::Op::kEq, KeyPredicate::Op::kLt,
                                                  KeyPredicate::Op::kLe, KeyPredicate::Op::kGt, KeyPredicate::Op::kGe};
      static constexpr KeyPredicate::Op kFlipped[] = {KeyPredicate::Op::kEq, KeyPredicate::Op::kEq, KeyPredicate::Op::kGt,
                                                      KeyPredicate::Op::kGe, KeyPredicate::Op::kLt, KeyPredicate::Op::kLe};
      p.op = (flipped ? kFlipped : kOps)[static_cast<int>(c.comparator)];
      break;
    }
    case K::kBetween:
      if (!IsPath(c.operands[0]) && c.operands[0].kind != Operand::Kind::kSize)
        return InvalidCondition("BETWEEN operator must have the key attribute as its first operand");
      DODB_RETURN_IF_ERROR(CheckOperands(c));
      p.attribute = c.operands[0].path.elements[0].name;
      p.op = KeyPredicate::Op::kBetween;
      p.values = {c.operands[1].value, c.operands[2].value};
      break;
    case K::kBeginsWith:
      if (!IsPath(c.operands[0]) && c.operands[0].kind != Operand::Kind::kSize)
        return InvalidCondition("begins_with operator must have the key attribute as its first operand");
      DODB_RETURN_IF_ERROR(CheckOperands(c));
      p.attribute = c.operands[0].path.elements[0].name;
      p.op = KeyPredicate::Op::kBeginsWith;
      p.values = {c.operands[1].value};
      break;
  }
  for (const KeyPredicate& q : *out)
    if (q.attribute == p.attribute) return Status::Validation("KeyConditionExpressions must only contain one condition per key");
  out->push_back(std::move(p));
  return Status::OK();
}

}  // namespace

Status KeyPredicatesFromExpression(const Condition& condition, std::vector<KeyPredicate>* out) {
  return Collect(condition, out);
}

Status KeyPredicatesFromLegacy(const JsonValue& key_conditions, std::vector<KeyPredicate>* out) {
  static constexpr struct { std::string_view name; KeyPredicate::Op op; int args; } kOps[] = {
      {"EQ", KeyPredicate::Op::kEq, 1}, {"LT", KeyPredicate::Op::kLt, 1}, {"LE", KeyPredicate::Op::kLe, 1},
      {"GT", KeyPredicate::Op::kGt, 1}, {"GE", KeyPredicate::Op::kGe, 1},
      {"BETWEEN", KeyPredicate::Op::kBetween, 2}, {"BEGINS_WITH", KeyPredicate::Op::kBeginsWith, 1}};
  for (const auto& m : key_conditions.GetObject()) {
    KeyPredicate p;
    p.attribute.assign(StringOf(m.name));
    std::string_view op = StringOf(m.value["ComparisonOperator"]);
    if (const JsonValue* list = Member(m.value, "AttributeValueList")) {
      for (const JsonValue& v : list->GetArray()) {
        p.values.emplace_back();
        DODB_RETURN_IF_ERROR(DecodeAttributeValue(v, 1, &p.values.back()));
      }
    }
    int wanted = -1;
    for (const auto& o : kOps)
      if (o.name == op) {
        p.op = o.op;
        wanted = o.args;
      }
    if (wanted < 0) return Status::Validation("Attempted conditional constraint is not an indexable operation");
    if (static_cast<int>(p.values.size()) != wanted)
      return Status::Validation("One or more parameter values were invalid: Invalid number of argument(s) for the " +
                                std::string(op) + " ComparisonOperator");
    for (const AttributeValue& v : p.values) {
      bool scalar = v.type == ValueType::S || v.type == ValueType::N || v.type == ValueType::B;
      if (!scalar || (p.op == KeyPredicate::Op::kBeginsWith && v.type == ValueType::N))
        return Status::Validation("One or more parameter values were invalid: ComparisonOperator " + std::string(op) +
                                  " is not valid for " + std::string(TypeName(v.type)) + " AttributeValue type");
      if (v.type != p.values[0].type)
        return Status::Validation("One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
    }
    if (p.op == KeyPredicate::Op::kBetween && CompareScalars(p.values[0], p.values[1]) > 0)
      return Status::Validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    out->push_back(std::move(p));
  }
  if (out->empty() || out->size() > 2) return Status::Validation("Conditions can be of length 1 or 2 only");
  return Status::OK();
}

bool KeyPredicateHolds(const KeyPredicate& p, const AttributeValue& v) {
  if (v.type != p.values[0].type) return false;
  int c = CompareScalars(v, p.values[0]);
  switch (p.op) {
    case KeyPredicate::Op::kEq: return c == 0;
    case KeyPredicate::Op::kLt: return c < 0;
    case KeyPredicate::Op::kLe: return c <= 0;
    case KeyPredicate::Op::kGt: return c > 0;
    case KeyPredicate::Op::kGe: return c >= 0;
    case KeyPredicate::Op::kBetween: return c >= 0 && CompareScalars(v, p.values[1]) <= 0;
    case KeyPredicate::Op::kBeginsWith: return v.scalar.compare(0, p.values[0].scalar.size(), p.values[0].scalar) == 0;
  }
  return false;
}

Status KeyRangeFor(const std::vector<KeyPredicate>& predicates, const KeySchemaView& schema,
                   const std::string& prefix, std::string* start, std::string* end, std::string* partition) {
  size_t key_count = schema.hash_keys.size() + schema.range_keys.size();
  if (key_count <= 2 && predicates.size() > 2) return Status::Validation("Conditions can be of length 1 or 2 only");
  auto find = [&](const std::string& name) -> const KeyPredicate* {
    for (const KeyPredicate& p : predicates)
      if (p.attribute == name) return &p;
    return nullptr;
  };
  if (schema.range_keys.empty() && predicates.size() > schema.hash_keys.size()) {
    bool all_hash = true;
    for (const KeyPredicate& p : predicates) {
      bool is_hash = false;
      for (const KeyAttribute& k : schema.hash_keys) is_hash = is_hash || k.name == p.attribute;
      all_hash = all_hash && is_hash;
    }
    if (!all_hash || predicates.size() > schema.hash_keys.size()) return NotSupported();
  }
  std::string key = prefix;
  size_t used = 0;
  for (const KeyAttribute& k : schema.hash_keys) {
    const KeyPredicate* p = find(k.name);
    if (!p) return Missed(k.name);
    if (p->op != KeyPredicate::Op::kEq) return NotSupported();
    if (p->values[0].type != k.type) return TypeMismatch();
    AppendKeyValue(p->values[0], &key);
    ++used;
  }
  *partition = key.substr(prefix.size());
  const KeyPredicate* last = nullptr;
  for (size_t i = 0; i < schema.range_keys.size(); ++i) {
    const KeyAttribute& k = schema.range_keys[i];
    const KeyPredicate* p = find(k.name);
    if (!p) {
      // Conditions go left to right: nothing may follow a skipped range attribute.
      for (size_t j = i + 1; j < schema.range_keys.size(); ++j)
        if (find(schema.range_keys[j].name)) return Missed(k.name);
      break;
    }
    for (const AttributeValue& v : p->values)
      if (v.type != k.type) return TypeMismatch();
    if (p->op == KeyPredicate::Op::kBeginsWith && k.type == ValueType::N)
      return Status::Validation(
          "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
    ++used;
    if (p->op != KeyPredicate::Op::kEq) {
      // An inequality must be the last condition.
      for (size_t j = i + 1; j < schema.range_keys.size(); ++j)
        if (find(schema.range_keys[j].name)) return NotSupported();
      last = p;
      break;
    }
    AppendKeyValue(p->values[0], &key);
  }
  if (used != predicates.size()) {
    // A condition on an attribute that is not part of the key.
    if (schema.range_keys.empty()) return NotSupported();
    for (const KeyAttribute& k : schema.range_keys)
      if (!find(k.name)) return Missed(k.name);
    return NotSupported();
  }
  if (!last) {
    *start = key;
    *end = PrefixEnd(key);
    return Status::OK();
  }
  std::string with = key;
  AppendKeyValue(last->values[0], &with);
  switch (last->op) {
    case KeyPredicate::Op::kLt: *start = key; *end = with; break;
    case KeyPredicate::Op::kLe: *start = key; *end = PrefixEnd(with); break;
    case KeyPredicate::Op::kGt: *start = PrefixEnd(with); *end = PrefixEnd(key); break;
    case KeyPredicate::Op::kGe: *start = with; *end = PrefixEnd(key); break;
    case KeyPredicate::Op::kBetween: {
      std::string upper = key;
      AppendKeyValue(last->values[1], &upper);
      *start = with;
      *end = PrefixEnd(upper);
      break;
    }
    case KeyPredicate::Op::kBeginsWith: {
      std::string p = key;
      AppendKeyPrefix(last->values[0], &p);
      *start = p;
      *end = PrefixEnd(p);
      break;
    }
    case KeyPredicate::Op::kEq: break;
  }
  return Status::OK();
}

}  // namespace dodb
