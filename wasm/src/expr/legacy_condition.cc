#include "expr/legacy_condition.h"

#include "format/attribute_value.h"
#include "expr/condition_eval.h"

namespace dodb {
namespace {

Status Invalid(const std::string& detail) {
  return Status::Validation("One or more parameter values were invalid: " + detail);
}

struct OperatorInfo {
  std::string_view name;
  int min_args, max_args;  // AttributeValueList size
  const char* types;       // allowed value types, space separated
};
// EQ and NE take every type, lists and maps included (API reference, Condition and
// ExpectedAttributeValue: "EQ is supported for all data types, including lists and maps").
constexpr const char* kAllTypes = "S N B SS NS BS L M BOOL NULL";
constexpr OperatorInfo kOperators[] = {
    {"EQ", 1, 1, kAllTypes},        {"NE", 1, 1, kAllTypes},        {"LE", 1, 1, "S N B"},
    {"LT", 1, 1, "S N B"},          {"GE", 1, 1, "S N B"},          {"GT", 1, 1, "S N B"},
    {"NOT_NULL", 0, 0, ""},         {"NULL", 0, 0, ""},             {"CONTAINS", 1, 1, "S N B"},
    {"NOT_CONTAINS", 1, 1, "S N B"}, {"BEGINS_WITH", 1, 1, "S B"},  {"IN", 1, 1 << 20, "S N B"},
    {"BETWEEN", 2, 2, "S N B"},
};

bool TypeAllowed(const char* types, ValueType t) {
  std::string_view list(types), name = TypeName(t);
  while (!list.empty()) {
    size_t sp = list.find(' ');
    if (list.substr(0, sp) == name) return true;
    if (sp == std::string_view::npos) break;
    list.remove_prefix(sp + 1);
  }
  return false;
}

Operand PathOperand(std::string_view name) {
  Operand op;
  op.kind = Operand::Kind::kPath;
  PathElement e;
  e.name.assign(name);
  op.path.elements.push_back(std::move(e));
  return op;
}

Operand ValueOperand(AttributeValue v) {
  Operand op;
  op.kind = Operand::Kind::kValue;
  op.value = std::move(v);
  return op;
}

Condition Function(Condition::Kind kind, std::vector<Operand> operands) {
  Condition c;
  c.kind = kind;
  c.operands = std::move(operands);
  return c;
}

Status EntryCondition(std::string_view attr, const JsonValue& spec, Condition* out) {
  const std::string a(attr);
  const JsonValue* value = Member(spec, "Value");
  const JsonValue* exists = Member(spec, "Exists");
  const JsonValue* op_json = Member(spec, "ComparisonOperator");
  const JsonValue* list = Member(spec, "AttributeValueList");
  if (value && list) return Invalid("Value and AttributeValueList cannot be used together for Attribute: " + a);
  if (exists && op_json) return Invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + a);
  if (op_json) {
    std::string_view op_name = StringOf(*op_json);
    const OperatorInfo* info = nullptr;
    for (const OperatorInfo& o : kOperators)
      if (o.name == op_name) info = &o;
    if (!info) return Status::Validation("Unsupported ComparisonOperator: " + std::string(op_name));
    std::vector<AttributeValue> args;
    if (value) {
      args.emplace_back();
      DODB_RETURN_IF_ERROR(DecodeAttributeValue(*value, 1, &args.back()));
    } else if (list) {
      for (const JsonValue& v : list->GetArray()) {
        args.emplace_back();
        DODB_RETURN_IF_ERROR(DecodeAttributeValue(v, 1, &args.back()));
      }
    } else if (info->max_args > 0) {
      return Invalid("Value or AttributeValueList must be used with ComparisonOperator: " + std::string(op_name) +
                     " for Attribute: " + a);
    }
    int n = static_cast<int>(args.size());
    if (n < info->min_args || n > info->max_args)
      return Invalid("Invalid number of argument(s) for the " + std::string(op_name) + " ComparisonOperator");
    for (const AttributeValue& v : args) {
      if (v.type != args[0].type) return Invalid("AttributeValues inside AttributeValueList must be of same type");
      if (!TypeAllowed(info->types, v.type))
        return Invalid("ComparisonOperator " + std::string(op_name) + " is not valid for " +
                       std::string(TypeName(v.type)) + " AttributeValue type");
    }
    std::vector<Operand> ops;
    ops.push_back(PathOperand(attr));
    for (AttributeValue& v : args) ops.push_back(ValueOperand(std::move(v)));
    static constexpr struct { std::string_view name; Comparator c; } kCompare[] = {
        {"EQ", Comparator::kEq}, {"NE", Comparator::kNe}, {"LE", Comparator::kLe},
        {"LT", Comparator::kLt}, {"GE", Comparator::kGe}, {"GT", Comparator::kGt}};
    for (const auto& c : kCompare) {
      if (c.name != op_name) continue;
      *out = Function(Condition::Kind::kCompare, std::move(ops));
      out->comparator = c.c;
      return Status::OK();
    }
    if (op_name == "NOT_NULL" || op_name == "NULL") {
      ops.resize(1);
      *out = Function(op_name == "NULL" ? Condition::Kind::kAttributeNotExists : Condition::Kind::kAttributeExists,
                      std::move(ops));
    } else if (op_name == "CONTAINS" || op_name == "NOT_CONTAINS") {
      *out = Function(Condition::Kind::kContains, std::move(ops));
      if (op_name == "NOT_CONTAINS") {
        // NOT_CONTAINS holds only for an existing attribute that lacks the value.
        Condition exists = Function(Condition::Kind::kAttributeExists, {PathOperand(attr)});
        Condition negated;
        negated.kind = Condition::Kind::kNot;
        negated.children.push_back(std::move(*out));
        Condition both;
        both.kind = Condition::Kind::kAnd;
        both.children.push_back(std::move(exists));
        both.children.push_back(std::move(negated));
        *out = std::move(both);
      }
    } else if (op_name == "BEGINS_WITH") {
      *out = Function(Condition::Kind::kBeginsWith, std::move(ops));
    } else if (op_name == "IN") {
      *out = Function(Condition::Kind::kIn, std::move(ops));
    } else {  // BETWEEN
      if (CompareScalars(ops[1].value, ops[2].value) > 0)
        return Status::Validation(
            "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
      *out = Function(Condition::Kind::kBetween, std::move(ops));
    }
    return Status::OK();
  }
  if (list) return Invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + a);
  bool exists_flag = exists ? exists->GetBool() : true;
  if (!value) {
    if (!exists) return Invalid("Value must be provided when Exists is null for Attribute: " + a);
    if (exists_flag) return Invalid("Value must be provided when Exists is true for Attribute: " + a);
    *out = Function(Condition::Kind::kAttributeNotExists, {PathOperand(attr)});
    return Status::OK();
  }
  if (!exists_flag) return Invalid("Value cannot be used when Exists is false for Attribute: " + a);
  AttributeValue v;
  DODB_RETURN_IF_ERROR(DecodeAttributeValue(*value, 1, &v));
  *out = Function(Condition::Kind::kCompare, {PathOperand(attr), ValueOperand(std::move(v))});
  out->comparator = Comparator::kEq;
  return Status::OK();
}

}  // namespace

Status ExpectedToCondition(const JsonValue& expected, std::string_view conditional_operator,
                           std::optional<Condition>* out) {
  out->reset();
  for (const auto& m : expected.GetObject()) {
    Condition c;
    DODB_RETURN_IF_ERROR(EntryCondition(StringOf(m.name), m.value, &c));
    if (!out->has_value()) {
      *out = std::move(c);
      continue;
    }
    Condition both;
    both.kind = conditional_operator == "OR" ? Condition::Kind::kOr : Condition::Kind::kAnd;
    both.children.push_back(std::move(**out));
    both.children.push_back(std::move(c));
    *out = std::move(both);
  }
  return Status::OK();  // an empty Expected map is no condition
}

}  // namespace dodb
