#include "partiql/partiql_translate.h"

#include <vector>

#include "partiql/partiql_expression.h"

namespace dodb::partiql {
namespace {

Status IncompleteKey() {
  return Status::Validation("Where clause does not contain a mandatory equality on all key attributes");
}

void Conjuncts(const Node& node, std::vector<const Node*>* out) {
  if (node.kind == NodeKind::kAnd) {
    Conjuncts(node.children[0], out);
    Conjuncts(node.children[1], out);
  } else {
    out->push_back(&node);
  }
}

bool IsAttribute(const Node& node, std::string_view attribute) {
  return node.kind == NodeKind::kPath && node.path.steps.size() == 1 && node.path.steps[0].name == attribute;
}

// The value c fixes attribute to ("attr = v" or "v = attr"), or nullptr.
const Node* EqualityValue(const Node& c, std::string_view attribute) {
  if (c.kind != NodeKind::kCompare || c.text != "=") return nullptr;
  if (IsAttribute(c.children[0], attribute) && IsValue(c.children[1])) return &c.children[1];
  if (IsAttribute(c.children[1], attribute) && IsValue(c.children[0])) return &c.children[0];
  return nullptr;
}

bool References(const Node& node, const std::vector<std::string>& attributes) {
  if (node.kind == NodeKind::kPath)
    for (const std::string& a : attributes)
      if (node.path.steps[0].name == a) return true;
  for (const Node& child : node.children)
    if (References(child, attributes)) return true;
  return false;
}

// A sort key condition in a form KeyConditionExpression takes: attr op value (either way round),
// attr BETWEEN v AND v, begins_with(attr, v).
bool IsSortKeyCondition(const Node& c, std::string_view attribute) {
  if (c.kind == NodeKind::kCompare && c.text != "<>")
    return (IsAttribute(c.children[0], attribute) && IsValue(c.children[1])) ||
           (IsAttribute(c.children[1], attribute) && IsValue(c.children[0]));
  if (c.kind == NodeKind::kBetween)
    return IsAttribute(c.children[0], attribute) && IsValue(c.children[1]) && IsValue(c.children[2]);
  if (c.kind == NodeKind::kCall && c.text == "begins_with" && c.children.size() == 2)
    return IsAttribute(c.children[0], attribute) && IsValue(c.children[1]);
  return false;
}

// "v < attr" as "attr > v": KeyConditionExpression wants the key on the left.
Node KeyOnLeft(const Node& c, std::string_view attribute) {
  Node n = c;
  if (c.kind != NodeKind::kCompare || IsAttribute(c.children[0], attribute)) return n;
  std::swap(n.children[0], n.children[1]);
  if (c.text == "<") n.text = ">";
  else if (c.text == "<=") n.text = ">=";
  else if (c.text == ">") n.text = "<";
  else if (c.text == ">=") n.text = "<=";
  return n;
}

// The conjuncts joined with AND, or an empty text for none.
// A key condition's parts are joined bare ("a = :v AND b > :w"), a condition's in parentheses.
Status JoinConditions(ExpressionBuilder& b, const std::vector<const Node*>& conditions, std::string* text,
                      bool parentheses = true) {
  text->clear();
  for (const Node* c : conditions) {
    std::string one;
    DODB_RETURN_IF_ERROR(b.Condition(*c, &one));
    if (parentheses) one = "(" + one + ")";
    *text += text->empty() ? one : " AND " + one;
  }
  return Status::OK();
}

void WriteMember(JsonWriter& w, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  w.Key(name);
  w.String(value);
}

class Translator {
 public:
  Translator(const Statement& s, const TableInfo& t, Mode mode, const Options& o)
      : s_(s), table_(t), mode_(mode), o_(o), b_(o.parameters) {}

  Status Run(Translated* out) {
    w_.StartObject();
    w_.Key("TableName");
    w_.String(table_.name);
    switch (s_.kind) {
      case StatementKind::kSelect:
        DODB_RETURN_IF_ERROR(mode_ == Mode::kStatement ? Select(out) : KeyRead(out));
        break;
      case StatementKind::kExists:
        DODB_RETURN_IF_ERROR(KeyRead(out));
        break;
      case StatementKind::kInsert:
        DODB_RETURN_IF_ERROR(Insert(out));
        break;
      case StatementKind::kUpdate:
      case StatementKind::kDelete:
        DODB_RETURN_IF_ERROR(KeyWrite(out));
        break;
    }
    b_.WritePlaceholders(w_);
    if (mode_ != Mode::kTransaction) WriteMember(w_, "ReturnConsumedCapacity", o_.return_consumed_capacity);
    w_.EndObject();
    out->body = w_.Take();
    return Status::OK();
  }

 private:
  std::vector<std::string> KeyNames() const {
    std::vector<std::string> names{table_.hash_key.name};
    if (table_.range_key) names.push_back(table_.range_key->name);
    return names;
  }

  // Splits the WHERE into the table's key (written as "Key") and the other conjuncts.
  Status SplitKey(std::vector<const Node*>* rest) {
    std::vector<const Node*> conjuncts;
    if (s_.has_where) Conjuncts(s_.where, &conjuncts);
    w_.Key("Key");
    w_.StartObject();
    for (const std::string& key : KeyNames()) {
      const Node* value = nullptr;
      for (const Node*& c : conjuncts) {
        if (!c || !(value = EqualityValue(*c, key))) continue;
        c = nullptr;
        break;
      }
      if (!value) return mode_ == Mode::kStatement || s_.kind != StatementKind::kSelect ? IncompleteKey() : ReadKeyError();
      w_.Key(key);
      DODB_RETURN_IF_ERROR(b_.WriteValue(*value, w_));
    }
    w_.EndObject();
    for (const Node* c : conjuncts)
      if (c) rest->push_back(c);
    return Status::OK();
  }

  Status ReadKeyError() const {
    if (mode_ == Mode::kBatch)
      return Status::Validation("Select statements within BatchExecuteStatement must specify the primary key in the where clause.");
    if (s_.kind == StatementKind::kExists) return Status::Validation("EXISTS() must contain a single item read with additional condition");
    return Status::Validation("Select statements within ExecuteTransaction must specify the primary key in the where clause.");
  }

  // SELECT in a batch or a transaction (GetItem / Get), EXISTS (ConditionCheck).
  Status KeyRead(Translated* out) {
    if (!s_.index.empty())
      return Status::Validation(mode_ == Mode::kTransaction ? "Reads on indices are not supported within transactions."
                                                            : "This operation is not supported on an index");
    std::vector<const Node*> rest;
    DODB_RETURN_IF_ERROR(SplitKey(&rest));
    if (s_.kind == StatementKind::kExists) {
      out->operation = "ConditionCheck";
      std::string condition;
      DODB_RETURN_IF_ERROR(JoinConditions(b_, rest, &condition));
      std::string exists = "attribute_exists(" + b_.Name(table_.hash_key.name) + ")";
      WriteMember(w_, "ConditionExpression", condition.empty() ? exists : exists + " AND " + condition);
      WriteMember(w_, "ReturnValuesOnConditionCheckFailure", o_.return_values_on_condition_check_failure);
      return Status::OK();
    }
    if (!rest.empty()) return ReadKeyError();
    out->operation = mode_ == Mode::kTransaction ? "Get" : "GetItem";
    DODB_RETURN_IF_ERROR(Projection());
    if (mode_ == Mode::kBatch && o_.consistent_read) {
      w_.Key("ConsistentRead");
      w_.Bool(true);
    }
    return Status::OK();
  }

  Status Projection() {
    std::string projection;
    for (const Path& p : s_.projection) projection += (projection.empty() ? "" : ", ") + b_.PathText(p);
    WriteMember(w_, "ProjectionExpression", projection);
    return Status::OK();
  }

  Status Select(Translated* out) {
    const IndexInfo* index = nullptr;
    if (!s_.index.empty() && !(index = table_.FindIndex(s_.index)))
      return Status::Validation("The table does not have the specified index");
    std::vector<std::string> hash, range, keys = KeyNames();
    if (index) {
      for (const KeyAttribute& k : index->hash_keys) hash.push_back(k.name), keys.push_back(k.name);
      for (const KeyAttribute& k : index->range_keys) range.push_back(k.name), keys.push_back(k.name);
    } else {
      hash.push_back(table_.hash_key.name);
      if (table_.range_key) range.push_back(table_.range_key->name);
    }
    std::vector<const Node*> conjuncts;
    if (s_.has_where) Conjuncts(s_.where, &conjuncts);
    // Query when every partition key attribute has an equality, and nothing else left for the
    // filter names a key attribute (a Query's filter may not).
    std::vector<const Node*> key_conditions, rest = conjuncts;
    for (const std::string& h : hash) {
      auto it = rest.begin();
      while (it != rest.end() && !EqualityValue(**it, h)) ++it;
      if (it == rest.end()) break;
      key_conditions.push_back(*it);
      rest.erase(it);
    }
    bool query = key_conditions.size() == hash.size();
    std::vector<Node> sort_condition;
    if (query && !range.empty()) {
      for (auto it = rest.begin(); it != rest.end(); ++it) {
        if (!IsSortKeyCondition(**it, range[0])) continue;
        sort_condition.push_back(KeyOnLeft(**it, range[0]));
        rest.erase(it);
        break;
      }
    }
    for (const Node* c : rest) query = query && !References(*c, keys);
    DODB_RETURN_IF_ERROR(CheckOrderBy(query, range));
    if (!query) rest = conjuncts;
    out->operation = query ? "Query" : "Scan";
    if (index) WriteMember(w_, "IndexName", index->name);
    if (query) {
      for (const Node& n : sort_condition) key_conditions.push_back(&n);
      std::string key_text;
      DODB_RETURN_IF_ERROR(JoinConditions(b_, key_conditions, &key_text, false));
      WriteMember(w_, "KeyConditionExpression", key_text);
      for (const OrderBy& o : s_.order_by) {
        if (!o.descending || range.empty() || o.attribute != range[0]) continue;
        w_.Key("ScanIndexForward");
        w_.Bool(false);
        break;
      }
    }
    std::string filter;
    DODB_RETURN_IF_ERROR(JoinConditions(b_, rest, &filter));
    WriteMember(w_, "FilterExpression", filter);
    DODB_RETURN_IF_ERROR(Projection());
    if (o_.consistent_read) {
      w_.Key("ConsistentRead");
      w_.Bool(true);
    }
    if (o_.limit > 0) {
      w_.Key("Limit");
      w_.Int64(o_.limit);
    }
    if (!o_.exclusive_start_key.empty()) {
      w_.Key("ExclusiveStartKey");
      w_.RawValue(o_.exclusive_start_key.data(), o_.exclusive_start_key.size(), rapidjson::kObjectType);
    }
    return Status::OK();
  }

  Status CheckOrderBy(bool query, const std::vector<std::string>& range) const {
    if (s_.order_by.empty()) return Status::OK();
    if (!s_.has_where) return Status::Validation("Must have WHERE clause in the statement when using ORDER BY clause.");
    if (!query)
      return Status::Validation("Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
    for (const OrderBy& o : s_.order_by) {
      bool key = o.attribute == table_.hash_key.name || (!range.empty() && o.attribute == range[0]) ||
                 (table_.range_key && o.attribute == table_.range_key->name);
      if (!key) return Status::Validation("Variable reference " + o.attribute + " in ORDER BY clause must be part of the primary key");
    }
    return Status::OK();
  }

  Status Insert(Translated* out) {
    out->operation = mode_ == Mode::kTransaction ? "Put" : "PutItem";
    if (s_.item.kind != NodeKind::kStruct)
      return Status::Validation("Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.");
    JsonWriter item;
    DODB_RETURN_IF_ERROR(b_.WriteValue(s_.item, item));
    std::string text = item.Take();  // {"M":{...}}: the item is the map inside
    w_.Key("Item");
    w_.RawValue(text.data() + 5, text.size() - 6, rapidjson::kObjectType);
    WriteMember(w_, "ConditionExpression", "attribute_not_exists(" + b_.Name(table_.hash_key.name) + ")");
    return Status::OK();
  }

  Status KeyWrite(Translated* out) {
    bool update = s_.kind == StatementKind::kUpdate;
    if (mode_ == Mode::kTransaction) out->operation = update ? "Update" : "Delete";
    else out->operation = update ? "UpdateItem" : "DeleteItem";
    std::vector<const Node*> rest;
    DODB_RETURN_IF_ERROR(SplitKey(&rest));
    if (update) {
      std::string text;
      DODB_RETURN_IF_ERROR(b_.Update(s_.updates, &text));
      WriteMember(w_, "UpdateExpression", text);
    }
    std::string condition;
    DODB_RETURN_IF_ERROR(JoinConditions(b_, rest, &condition));
    if (update) {  // an UPDATE changes an item that exists; it never creates one
      std::string exists = "attribute_exists(" + b_.Name(table_.hash_key.name) + ")";
      condition = condition.empty() ? exists : exists + " AND " + condition;
    }
    WriteMember(w_, "ConditionExpression", condition);
    if (mode_ != Mode::kTransaction) WriteMember(w_, "ReturnValues", s_.returning);
    WriteMember(w_, "ReturnValuesOnConditionCheckFailure", o_.return_values_on_condition_check_failure);
    return Status::OK();
  }

  const Statement& s_;
  const TableInfo& table_;
  Mode mode_;
  const Options& o_;
  ExpressionBuilder b_;
  JsonWriter w_;
};

}  // namespace

Status CheckParameterCount(const Statement& statement, const JsonValue* parameters) {
  size_t given = parameters && parameters->IsArray() ? parameters->Size() : 0;
  if (given != statement.parameter_count) return Status::Validation("Number of parameters in request and statement don't match.");
  return Status::OK();
}

Status Translate(const Statement& statement, const TableInfo& table, Mode mode, const Options& options, Translated* out) {
  DODB_RETURN_IF_ERROR(CheckParameterCount(statement, options.parameters));
  if (statement.kind == StatementKind::kExists && mode != Mode::kTransaction)
    return Status::Validation("EXISTS can only be used in ExecuteTransaction write requests.");
  if (statement.kind != StatementKind::kSelect && statement.kind != StatementKind::kExists && !statement.index.empty())
    return Status::Validation("This operation is not supported on an index");
  return Translator(statement, table, mode, options).Run(out);
}

}  // namespace dodb::partiql
