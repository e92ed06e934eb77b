#include "expr/update_eval.h"

#include <algorithm>

#include "expr/condition_eval.h"
#include "expr/document_path.h"
#include "expr/expression_parser.h"
#include "util/number.h"

namespace dodb {
namespace {

Status IncorrectDataType() {
  return Status::ItemValidation("An operand in the update expression has an incorrect data type");
}
Status MissingAttribute() {
  return Status::ItemValidation("The provided expression refers to an attribute that does not exist in the item");
}


// Evaluates a SET value against the original item.
Status EvaluateSetValue(const Operand& op, const AttributeMap& item, AttributeValue* out) {
  switch (op.kind) {
    case Operand::Kind::kValue:
      *out = op.value;
      return Status::OK();
    case Operand::Kind::kPath: {
      const AttributeValue* v = FindPath(item, op.path);
      if (!v) return MissingAttribute();
      *out = *v;
      return Status::OK();
    }
    case Operand::Kind::kIfNotExists: {
      const AttributeValue* v = FindPath(item, op.args[0].path);
      if (v) {
        *out = *v;
        return Status::OK();
      }
      return EvaluateSetValue(op.args[1], item, out);
    }
    case Operand::Kind::kListAppend: {
      AttributeValue a, b;
      DODB_RETURN_IF_ERROR(EvaluateSetValue(op.args[0], item, &a));
      DODB_RETURN_IF_ERROR(EvaluateSetValue(op.args[1], item, &b));
      if (a.type != ValueType::L || b.type != ValueType::L) return IncorrectDataType();
      for (AttributeValue& e : b.list) a.list.push_back(std::move(e));
      *out = std::move(a);
      return Status::OK();
    }
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: {
      AttributeValue a, b;
      DODB_RETURN_IF_ERROR(EvaluateSetValue(op.args[0], item, &a));
      DODB_RETURN_IF_ERROR(EvaluateSetValue(op.args[1], item, &b));
      if (a.type != ValueType::N || b.type != ValueType::N) return IncorrectDataType();
      Decimal x, y, r;
      ParseDecimal(a.scalar, &x);
      ParseDecimal(b.scalar, &y);
      DODB_RETURN_IF_ERROR(AddDecimal(x, y, op.kind == Operand::Kind::kMinus, &r));
      *out = AttributeValue::Scalar(ValueType::N, r.ToString());
      return Status::OK();
    }
    case Operand::Kind::kSize:
      return IncorrectDataType();
  }
  return Status::OK();
}

// ADD: numbers add, sets union; a missing attribute takes the value.
Status Add(const AttributeValue* current, const AttributeValue& value, AttributeValue* out) {
  if (!current) {
    *out = value;
    return Status::OK();
  }
  if (current->type != value.type) return IncorrectDataType();
  if (value.type == ValueType::N) {
    Decimal x, y, r;
    ParseDecimal(current->scalar, &x);
    ParseDecimal(value.scalar, &y);
    DODB_RETURN_IF_ERROR(AddDecimal(x, y, false, &r));
    *out = AttributeValue::Scalar(ValueType::N, r.ToString());
    return Status::OK();
  }
  *out = *current;
  for (const std::string& m : value.set)
    if (std::find(out->set.begin(), out->set.end(), m) == out->set.end()) out->set.push_back(m);
  return Status::OK();
}

}  // namespace

Status CheckUpdateKeys(const UpdateExpression& update, const TableInfo& table) {
  for (const UpdateAction& a : update.actions) {
    const std::string& top = a.path.elements[0].name;
    if (top == table.hash_key.name || (table.range_key && top == table.range_key->name))
      return Status::Validation("One or more parameter values were invalid: Cannot update attribute " + top +
                                ". This attribute is part of the key");
  }
  return Status::OK();
}

Status ApplyUpdate(const UpdateExpression& update, AttributeMap* item) {
  const AttributeMap original = *item;
  // Evaluate every new value first, against the original item.
  std::vector<AttributeValue> values(update.actions.size());
  for (size_t i = 0; i < update.actions.size(); ++i) {
    const UpdateAction& a = update.actions[i];
    if (a.kind == UpdateAction::Kind::kSet) {
      DODB_RETURN_IF_ERROR(EvaluateSetValue(a.value, original, &values[i]));
    } else if (a.kind == UpdateAction::Kind::kAdd) {
      DODB_RETURN_IF_ERROR(Add(FindPath(original, a.path), a.value.value, &values[i]));
    }
  }
  const Status invalid_path = Status::ItemValidation("The document path provided in the update expression is invalid for update");
  // REMOVEs of list elements run from the highest index down, so each index refers to the
  // original list (DynamoDB semantics); everything else runs in written order.
  std::vector<size_t> order(update.actions.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const UpdateAction& a = update.actions[x];
    const UpdateAction& b = update.actions[y];
    bool ra = a.kind == UpdateAction::Kind::kRemove && a.path.elements.back().is_index;
    bool rb = b.kind == UpdateAction::Kind::kRemove && b.path.elements.back().is_index;
    if (ra != rb) return rb;  // list-element removals last
    return ra && a.path.elements.back().index > b.path.elements.back().index;
  });
  for (size_t i : order) {
    const UpdateAction& a = update.actions[i];
    switch (a.kind) {
      case UpdateAction::Kind::kSet:
      case UpdateAction::Kind::kAdd:
        if (SetPath(item, a.path, std::move(values[i])) != PathWrite::kOk) return invalid_path;
        break;
      case UpdateAction::Kind::kRemove:
        if (RemovePath(item, a.path) != PathWrite::kOk) {
          // Removing below a missing parent is a no-op unless the parent exists with a wrong type.
          Path parent = a.path;
          parent.elements.pop_back();
          if (!parent.elements.empty() && FindPath(*item, parent)) return invalid_path;
        }
        break;
      case UpdateAction::Kind::kDelete: {
        const AttributeValue* current = FindPath(*item, a.path);
        if (!current) break;
        if (current->type != a.value.value.type) return IncorrectDataType();
        AttributeValue rest = *current;
        rest.set.erase(std::remove_if(rest.set.begin(), rest.set.end(),
                                      [&](const std::string& m) {
                                        return std::find(a.value.value.set.begin(), a.value.value.set.end(), m) !=
                                               a.value.value.set.end();
                                      }),
                       rest.set.end());
        PathWrite w = rest.set.empty() ? RemovePath(item, a.path) : SetPath(item, a.path, std::move(rest));
        if (w != PathWrite::kOk) return invalid_path;
        break;
      }
    }
  }
  return Status::OK();
}

}  // namespace dodb
