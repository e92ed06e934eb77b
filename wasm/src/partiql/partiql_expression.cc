#include "partiql/partiql_expression.h"

#include "partiql/partiql_lexer.h"

namespace dodb::partiql {
namespace {

Status NotBoolean() { return Status::Validation("WHERE clause must contain an expression that resolves to a boolean"); }

Status MissingOutsideIs() { return Status::Validation("MISSING must be compared using IS operator"); }

// IS <type> -> attribute_type's name ("" for none).
std::string_view TypeCode(std::string_view type) {
  if (type == "NULL") return "NULL";
  if (type == "BOOLEAN") return "BOOL";
  if (type == "STRING") return "S";
  if (type == "NUMERIC") return "N";
  if (type == "BLOB") return "B";
  if (type == "STRUCT" || type == "TUPLE") return "M";
  if (type == "LIST") return "L";
  return "";
}

bool SamePath(const Path& a, const Path& b) {
  if (a.steps.size() != b.steps.size()) return false;
  for (size_t i = 0; i < a.steps.size(); ++i) {
    const PathStep &x = a.steps[i], &y = b.steps[i];
    if (x.is_index != y.is_index || x.name != y.name || x.index != y.index) return false;
  }
  return true;
}

}  // namespace

bool IsValue(const Node& node) {
  switch (node.kind) {
    case NodeKind::kString: case NodeKind::kNumber: case NodeKind::kBool: case NodeKind::kNull:
    case NodeKind::kParameter: case NodeKind::kList: case NodeKind::kStruct: case NodeKind::kBag:
      return true;
    default:
      return false;
  }
}

std::string ExpressionBuilder::Name(std::string_view attribute) {
  for (const auto& [name, placeholder] : names_)
    if (name == attribute) return placeholder;
  names_.emplace_back(std::string(attribute), "#n" + std::to_string(names_.size()));
  return names_.back().second;
}

std::string ExpressionBuilder::PathText(const Path& path) {
  std::string text;
  for (const PathStep& step : path.steps) {
    if (step.is_index) {
      text += '[' + std::to_string(step.index) + ']';
    } else {
      if (!text.empty()) text += '.';
      text += Name(step.name);
    }
  }
  return text;
}

Status ExpressionBuilder::WriteValue(const Node& node, JsonWriter& w) const {
  switch (node.kind) {
    case NodeKind::kString:
    case NodeKind::kNumber:
      w.StartObject();
      w.Key(node.kind == NodeKind::kString ? "S" : "N");
      w.String(node.text);
      w.EndObject();
      return Status::OK();
    case NodeKind::kBool:
    case NodeKind::kNull:
      w.StartObject();
      w.Key(node.kind == NodeKind::kBool ? "BOOL" : "NULL");
      w.Bool(node.kind == NodeKind::kNull || node.flag);
      w.EndObject();
      return Status::OK();
    case NodeKind::kParameter:
      // REQUIRES (CheckParameterCount): the parameter exists.
      (*parameters_)[static_cast<SizeType>(node.parameter)].Accept(w);
      return Status::OK();
    case NodeKind::kList:
      w.StartObject();
      w.Key("L");
      w.StartArray();
      for (const Node& e : node.children) DODB_RETURN_IF_ERROR(WriteValue(e, w));
      w.EndArray();
      w.EndObject();
      return Status::OK();
    case NodeKind::kStruct: {
      w.StartObject();
      w.Key("M");
      w.StartObject();
      for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
        const Node& key = node.children[i];
        if (key.kind != NodeKind::kString) return Status::Validation("Tuple keys must be of type String");
        for (size_t j = 0; j < i; j += 2)
          if (node.children[j].text == key.text) return Status::Validation("Duplicate keys in tuple. Key: " + key.text);
        w.Key(key.text);
        DODB_RETURN_IF_ERROR(WriteValue(node.children[i + 1], w));
      }
      w.EndObject();
      w.EndObject();
      return Status::OK();
    }
    case NodeKind::kBag: {
      if (node.children.empty()) return Status::Validation("Empty bags are not supported");
      NodeKind kind = node.children[0].kind;
      for (const Node& e : node.children)
        if (e.kind != kind || (kind != NodeKind::kString && kind != NodeKind::kNumber))
          return Status::Validation("Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
      w.StartObject();
      w.Key(kind == NodeKind::kString ? "SS" : "NS");
      w.StartArray();
      for (const Node& e : node.children) w.String(e.text);
      w.EndArray();
      w.EndObject();
      return Status::OK();
    }
    case NodeKind::kMissing:
      return MissingOutsideIs();
    default:
      return Status::Validation("Unsupported operation: an expression where a value is expected");
  }
}

Status ExpressionBuilder::Value(const Node& node, std::string* placeholder) {
  JsonWriter w;
  DODB_RETURN_IF_ERROR(WriteValue(node, w));
  *placeholder = ":v" + std::to_string(values_.size());
  values_.push_back(w.Take());
  return Status::OK();
}

Status ExpressionBuilder::Operand(const Node& node, std::string* text) {
  if (node.kind == NodeKind::kPath) {
    *text = PathText(node.path);
    return Status::OK();
  }
  if (node.kind == NodeKind::kCall && node.text == "size" && node.children.size() == 1 &&
      node.children[0].kind == NodeKind::kPath) {
    *text = "size(" + PathText(node.children[0].path) + ")";
    return Status::OK();
  }
  if (node.kind == NodeKind::kMissing) return MissingOutsideIs();
  if (node.kind == NodeKind::kArith) return Status::Validation("Unsupported operator in Condition Expression. Operator: " + node.text);
  if (!IsValue(node)) return NotBoolean();
  return Value(node, text);
}

Status ExpressionBuilder::Condition(const Node& node, std::string* text) {
  std::string a, b, c;
  switch (node.kind) {
    case NodeKind::kAnd:
    case NodeKind::kOr:
      DODB_RETURN_IF_ERROR(Condition(node.children[0], &a));
      DODB_RETURN_IF_ERROR(Condition(node.children[1], &b));
      *text = "(" + a + (node.kind == NodeKind::kAnd ? ") AND (" : ") OR (") + b + ")";
      return Status::OK();
    case NodeKind::kNot:
      DODB_RETURN_IF_ERROR(Condition(node.children[0], &a));
      *text = "NOT (" + a + ")";
      return Status::OK();
    case NodeKind::kCompare:
      DODB_RETURN_IF_ERROR(Operand(node.children[0], &a));
      DODB_RETURN_IF_ERROR(Operand(node.children[1], &b));
      *text = a + " " + node.text + " " + b;
      return Status::OK();
    case NodeKind::kBetween:
      DODB_RETURN_IF_ERROR(Operand(node.children[0], &a));
      DODB_RETURN_IF_ERROR(Operand(node.children[1], &b));
      DODB_RETURN_IF_ERROR(Operand(node.children[2], &c));
      *text = a + " BETWEEN " + b + " AND " + c;
      return Status::OK();
    case NodeKind::kIn: {
      const Node& list = node.children[1];
      if (node.children[0].kind != NodeKind::kPath || list.kind != NodeKind::kList || list.children.empty())
        return Status::Validation("IN operator must have a left hand argument of type Variable Reference and right hand "
                                  "argument of type Seq with at least one member");
      DODB_RETURN_IF_ERROR(Operand(node.children[0], &a));
      *text = a + " IN (";
      for (size_t i = 0; i < list.children.size(); ++i) {
        DODB_RETURN_IF_ERROR(Operand(list.children[i], &b));
        *text += (i ? ", " : "") + b;
      }
      *text += ")";
      return Status::OK();
    }
    case NodeKind::kIs: {
      const Node& operand = node.children[0];
      if (operand.kind != NodeKind::kPath)
        return Status::Validation("The left hand side argument to IS must be a Variable Reference, Literal, or Path");
      std::string path = PathText(operand.path);
      if (node.text == "MISSING") {
        *text = (node.flag ? "attribute_exists(" : "attribute_not_exists(") + path + ")";
        return Status::OK();
      }
      std::string_view code = TypeCode(node.text);
      if (code.empty())
        return Status::Validation("Unsupported data type for IS operator: " + node.text +
                                  ". Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]");
      Node type;
      type.kind = NodeKind::kString;
      type.text = std::string(code);
      DODB_RETURN_IF_ERROR(Value(type, &b));
      *text = (node.flag ? "NOT attribute_type(" : "attribute_type(") + path + ", " + b + ")";
      return Status::OK();
    }
    case NodeKind::kCall: {
      if (node.text == "exists") return Status::Validation("EXISTS can only be used in ExecuteTransaction write requests.");
      if (node.text != "begins_with" && node.text != "contains" && node.text != "attribute_type")
        return node.text == "size" ? NotBoolean() : Status::Validation("Unrecognized function: " + UpperAscii(node.text));
      if (node.children.size() != 2 || node.children[0].kind != NodeKind::kPath)
        return NotWellFormed(node.text);
      DODB_RETURN_IF_ERROR(Operand(node.children[0], &a));
      DODB_RETURN_IF_ERROR(Operand(node.children[1], &b));
      *text = node.text + "(" + a + ", " + b + ")";
      return Status::OK();
    }
    default:
      return NotBoolean();
  }
}

Status ExpressionBuilder::NotWellFormed(std::string_view function) {
  return ::dodb::partiql::NotWellFormed("Wrong arguments to " + UpperAscii(function));
}

Status ExpressionBuilder::UpdateOperand(const Node& node, std::string* text) {
  std::string a, b;
  switch (node.kind) {
    case NodeKind::kPath:
      *text = PathText(node.path);
      return Status::OK();
    case NodeKind::kArith:
      DODB_RETURN_IF_ERROR(UpdateOperand(node.children[0], &a));
      DODB_RETURN_IF_ERROR(UpdateOperand(node.children[1], &b));
      *text = a + " " + node.text + " " + b;
      return Status::OK();
    case NodeKind::kCall:
      if ((node.text != "list_append" && node.text != "if_not_exists") || node.children.size() != 2)
        return Status::Validation("Unsupported operator in Update Expression. Operator: " + UpperAscii(node.text));
      DODB_RETURN_IF_ERROR(UpdateOperand(node.children[0], &a));
      DODB_RETURN_IF_ERROR(UpdateOperand(node.children[1], &b));
      *text = node.text + "(" + a + ", " + b + ")";
      return Status::OK();
    default:
      return Value(node, text);
  }
}

Status ExpressionBuilder::Update(const std::vector<UpdateAction>& actions, std::string* text) {
  std::string set, remove, add, del;
  for (const UpdateAction& action : actions) {
    std::string path = PathText(action.path), value;
    if (action.remove) {
      remove += (remove.empty() ? "" : ", ") + path;
      continue;
    }
    const Node& v = action.value;
    if (v.kind == NodeKind::kCall && (v.text == "set_add" || v.text == "set_delete")) {
      std::string name = v.text == "set_add" ? "ADD" : "DELETE";
      if (v.children.size() != 2) return Status::Validation("SET_" + name + " must have exactly two arguments");
      if (v.children[0].kind != NodeKind::kPath || !SamePath(v.children[0].path, action.path))
        return Status::Validation("The first argument to SET_" + name + " must equal the assignment value");
      if (v.children[1].kind != NodeKind::kBag && v.children[1].kind != NodeKind::kParameter)
        return Status::Validation("The second argument to SET_" + name + " must be a value with type SET");
      DODB_RETURN_IF_ERROR(Value(v.children[1], &value));
      (name == "ADD" ? add : del) += ((name == "ADD" ? add : del).empty() ? "" : ", ") + path + " " + value;
      continue;
    }
    DODB_RETURN_IF_ERROR(UpdateOperand(v, &value));
    set += (set.empty() ? "" : ", ") + path + " = " + value;
  }
  text->clear();
  for (auto [clause, body] : {std::pair<const char*, std::string*>{"SET ", &set}, {"REMOVE ", &remove}, {"ADD ", &add},
                              {"DELETE ", &del}}) {
    if (body->empty()) continue;
    if (!text->empty()) *text += ' ';
    *text += clause + *body;
  }
  return Status::OK();
}

void ExpressionBuilder::WritePlaceholders(JsonWriter& w) const {
  if (!names_.empty()) {
    w.Key("ExpressionAttributeNames");
    w.StartObject();
    for (const auto& [name, placeholder] : names_) {
      w.Key(placeholder);
      w.String(name);
    }
    w.EndObject();
  }
  if (!values_.empty()) {
    w.Key("ExpressionAttributeValues");
    w.StartObject();
    for (size_t i = 0; i < values_.size(); ++i) {
      w.Key(":v" + std::to_string(i));
      w.RawValue(values_[i].data(), values_[i].size(), rapidjson::kObjectType);
    }
    w.EndObject();
  }
}

}  // namespace dodb::partiql
