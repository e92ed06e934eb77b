#include "expr/condition_eval.h"

#include <algorithm>

#include "expr/document_path.h"
#include "format/item_codec.h"
#include "util/number.h"

namespace dodb {
namespace {

bool IsOrdered(ValueType t) { return t == ValueType::S || t == ValueType::N || t == ValueType::B; }

// Evaluates compare(a, b) when both are ordered scalars of the same type; false otherwise.
template <typename Pred>
bool Ordered(const std::optional<AttributeValue>& a, const std::optional<AttributeValue>& b, Pred pred) {
  if (!a || !b || a->type != b->type || !IsOrdered(a->type)) return false;
  return pred(CompareScalars(*a, *b));
}

bool Contains(const AttributeValue& haystack, const AttributeValue& needle) {
  switch (haystack.type) {
    case ValueType::S:
      return needle.type == ValueType::S && haystack.scalar.find(needle.scalar) != std::string::npos;
    case ValueType::B:
      return needle.type == ValueType::B && haystack.scalar.find(needle.scalar) != std::string::npos;
    case ValueType::SS:
    case ValueType::NS:
    case ValueType::BS: {
      ValueType member = haystack.type == ValueType::SS ? ValueType::S
                         : haystack.type == ValueType::NS ? ValueType::N : ValueType::B;
      return needle.type == member &&
             std::find(haystack.set.begin(), haystack.set.end(), needle.scalar) != haystack.set.end();
    }
    case ValueType::L:
      return std::find(haystack.list.begin(), haystack.list.end(), needle) != haystack.list.end();
    default:
      return false;
  }
}

std::optional<size_t> SizeOf(const AttributeValue& v) {
  switch (v.type) {
    case ValueType::S: {
      size_t units = 0;  // UTF-16 code units, as DynamoDB counts a string's size()
      for (char c : v.scalar) {
        unsigned char u = static_cast<unsigned char>(c);
        if ((u & 0xC0) != 0x80) units += u >= 0xF0 ? 2 : 1;
      }
      return units;
    }
    case ValueType::B: return v.scalar.size();
    case ValueType::SS:
    case ValueType::NS:
    case ValueType::BS: return v.set.size();
    case ValueType::L: return v.list.size();
    case ValueType::M: return v.map.size();
    default: return std::nullopt;
  }
}

}  // namespace

int CompareScalars(const AttributeValue& a, const AttributeValue& b) {
  if (a.type == ValueType::N) {
    Decimal x, y;
    ParseDecimal(a.scalar, &x);
    ParseDecimal(b.scalar, &y);
    return CompareDecimal(x, y);
  }
  int c = a.scalar.compare(b.scalar);  // std::string compares chars as unsigned bytes
  return (c > 0) - (c < 0);
}

std::optional<AttributeValue> EvaluateOperand(const Operand& operand, const AttributeMap& item) {
  switch (operand.kind) {
    case Operand::Kind::kValue:
      return operand.value;
    case Operand::Kind::kPath: {
      const AttributeValue* v = FindPath(item, operand.path);
      if (!v) return std::nullopt;
      return *v;
    }
    case Operand::Kind::kSize: {
      std::optional<AttributeValue> v = EvaluateOperand(operand.args[0], item);
      if (!v) return std::nullopt;
      std::optional<size_t> n = SizeOf(*v);
      if (!n) return std::nullopt;
      return AttributeValue::Scalar(ValueType::N, std::to_string(*n));
    }
    default:
      return std::nullopt;  // update-only operands never reach conditions
  }
}

bool EvaluateCondition(const Condition& c, const AttributeMap& item) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::kAnd: return EvaluateCondition(c.children[0], item) && EvaluateCondition(c.children[1], item);
    case K::kOr: return EvaluateCondition(c.children[0], item) || EvaluateCondition(c.children[1], item);
    case K::kNot: return !EvaluateCondition(c.children[0], item);
    case K::kAttributeExists: return FindPath(item, c.operands[0].path) != nullptr;
    case K::kAttributeNotExists: return FindPath(item, c.operands[0].path) == nullptr;
    case K::kAttributeType: {
      const AttributeValue* v = FindPath(item, c.operands[0].path);
      std::optional<AttributeValue> t = EvaluateOperand(c.operands[1], item);
      return v && t && t->type == ValueType::S && TypeName(v->type) == t->scalar;
    }
    case K::kBeginsWith: {
      std::optional<AttributeValue> v = EvaluateOperand(c.operands[0], item);
      std::optional<AttributeValue> p = EvaluateOperand(c.operands[1], item);
      if (!v || !p || v->type != p->type || (v->type != ValueType::S && v->type != ValueType::B)) return false;
      return v->scalar.compare(0, p->scalar.size(), p->scalar) == 0 && v->scalar.size() >= p->scalar.size();
    }
    case K::kContains: {
      std::optional<AttributeValue> v = EvaluateOperand(c.operands[0], item);
      std::optional<AttributeValue> x = EvaluateOperand(c.operands[1], item);
      return v && x && Contains(*v, *x);
    }
    case K::kCompare: {
      std::optional<AttributeValue> a = EvaluateOperand(c.operands[0], item);
      std::optional<AttributeValue> b = EvaluateOperand(c.operands[1], item);
      switch (c.comparator) {
        case Comparator::kEq: return a && b && *a == *b;
        case Comparator::kNe: return !(a && b && *a == *b);  // true when missing, too
        case Comparator::kLt: return Ordered(a, b, [](int r) { return r < 0; });
        case Comparator::kLe: return Ordered(a, b, [](int r) { return r <= 0; });
        case Comparator::kGt: return Ordered(a, b, [](int r) { return r > 0; });
        case Comparator::kGe: return Ordered(a, b, [](int r) { return r >= 0; });
      }
      return false;
    }
    case K::kBetween: {
      std::optional<AttributeValue> v = EvaluateOperand(c.operands[0], item);
      std::optional<AttributeValue> lo = EvaluateOperand(c.operands[1], item);
      std::optional<AttributeValue> hi = EvaluateOperand(c.operands[2], item);
      return Ordered(v, lo, [](int r) { return r >= 0; }) && Ordered(v, hi, [](int r) { return r <= 0; });
    }
    case K::kIn: {
      std::optional<AttributeValue> v = EvaluateOperand(c.operands[0], item);
      if (!v) return false;
      for (size_t i = 1; i < c.operands.size(); ++i) {
        std::optional<AttributeValue> x = EvaluateOperand(c.operands[i], item);
        if (x && *x == *v) return true;
      }
      return false;
    }
  }
  return false;
}

}  // namespace dodb
