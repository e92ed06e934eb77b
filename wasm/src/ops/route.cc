// "@Route" (internal; no X-Amz-Target can name it): the partition an item request addresses, for
// the router of a table spread over several Durable Objects (docs/SCALING.md). The router holds
// no table data, so it names the table's partition key and local secondary indexes:
//   {"Operation": "GetItem", "Request": {...}, "HashKey": "pk", "LocalIndexes": ["byDate"]}
// Answers {"Hash": h}, h the PartitionHash (key_codec.h) of the encoded partition key, for
// GetItem, PutItem, UpdateItem, DeleteItem (Key or Item) and the ConditionCheck, Put, Update and
// Delete actions, and for a Query on the table or one of the named LSIs whose key condition has
// the partition key equal to a value. Anything else answers {}: a Scan, a Query on a GSI, or a
// request that is not well formed; the router sends those where it sends requests that name no
// partition, and the shard that gets a bad request answers it as the single-object engine does.
// Numbers hash by value ("1.0" and "1" are one key), as the stored keys are encoded.
// A Query on a GSI partitioned by its own key (storage/index_outbox.h): with "IndexHashKeys":
// [names] (the index's HASH attributes, in order) the answer is the hash of their values, each
// fixed by an equality of the key condition, encoded one after another: the index shard's hash;
// for any other Operation, the same of the values in the Request's "Key" (a key of the index).
#include <algorithm>
#include <string_view>
#include <vector>

#include "expr/expression_resolver.h"
#include "format/attribute_value.h"
#include "format/key_codec.h"
#include "request/key_condition.h"
#include "ops/query.h"
#include "request/operation.h"

namespace dodb::ops {
namespace {

bool IsKeyType(const AttributeValue& v) {
  return v.type == ValueType::S || v.type == ValueType::N || v.type == ValueType::B;
}

// The partition key value of an item request: its Key (or Item, for puts).
const JsonValue* ItemRequestKeyValue(std::string_view op, const JsonValue& request, std::string_view hash_key) {
  const char* member = op == "PutItem" || op == "Put" ? "Item" : "Key";
  const JsonValue* key = Member(request, member);
  if (!key || !key->IsObject()) return nullptr;
  for (const auto& m : key->GetObject())
    if (StringOf(m.name) == hash_key) return &m.value;
  return nullptr;
}

bool NamesLocalIndex(const JsonValue& request, const JsonValue* local_indexes) {
  const JsonValue* index = Member(request, "IndexName");
  if (!index) return true;  // the table itself
  if (!index->IsString() || !local_indexes || !local_indexes->IsArray()) return false;
  for (const JsonValue& name : local_indexes->GetArray())
    if (name.IsString() && StringOf(name) == StringOf(*index)) return true;
  return false;
}

// The values a Query's key condition fixes for the attributes `names`, in order, if it fixes them all.
bool QueryPartitionValues(const JsonValue& request, const std::vector<std::string_view>& names,
                          std::vector<AttributeValue>* values) {
  if (!CheckQueryShape(request).ok()) return false;  // the parsers below rely on the members' types
  std::vector<KeyPredicate> predicates;
  if (const JsonValue* text = Member(request, "KeyConditionExpression")) {
    if (!text->IsString()) return false;
    ExpressionContext expressions;
    Condition condition;
    if (!expressions.Init(request).ok() ||
        !expressions.PrepareCondition("KeyConditionExpression", StringOf(*text), &condition).ok() ||
        !KeyPredicatesFromExpression(condition, &predicates).ok())
      return false;
  } else if (const JsonValue* legacy = Member(request, "KeyConditions")) {
    if (!legacy->IsObject() || !KeyPredicatesFromLegacy(*legacy, &predicates).ok()) return false;
  } else {
    return false;
  }
  for (std::string_view name : names) {
    auto p = std::find_if(predicates.begin(), predicates.end(), [&](const KeyPredicate& p) {
      return p.attribute == name && p.op == KeyPredicate::Op::kEq && p.values.size() == 1;
    });
    if (p == predicates.end()) return false;
    values->push_back(p->values[0]);
  }
  return true;
}

}  // namespace

Status Route(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* op_json = Member(request, "Operation");
  const JsonValue* inner = Member(request, "Request");
  const JsonValue* hash_key_json = Member(request, "HashKey");
  if (!op_json || !op_json->IsString() || !inner || !inner->IsObject() || !hash_key_json || !hash_key_json->IsString())
    return Status::Validation("@Route needs Operation, Request and HashKey");
  std::string_view op = StringOf(*op_json);
  std::string_view hash_key = StringOf(*hash_key_json);
  std::vector<AttributeValue> values;
  bool found = false;
  const JsonValue* index_keys = Member(request, "IndexHashKeys");
  if (op == "Query" && index_keys && index_keys->IsArray()) {
    std::vector<std::string_view> names;
    for (const JsonValue& n : index_keys->GetArray())
      if (n.IsString()) names.push_back(StringOf(n));
    found = !names.empty() && QueryPartitionValues(*inner, names, &values);
  } else if (index_keys && index_keys->IsArray()) {
    // A key of the index (a Scan's ExclusiveStartKey on a GSI): the values of its Key's members.
    const JsonValue* key = Member(*inner, "Key");
    found = key && key->IsObject() && !index_keys->Empty();
    for (const JsonValue& n : index_keys->GetArray()) {
      const JsonValue* wire = found && n.IsString() ? Member(*key, StringOf(n)) : nullptr;
      values.emplace_back();
      found = wire && DecodeAttributeValue(*wire, 1, &values.back()).ok();
    }
  } else if (op == "Query") {
    found = NamesLocalIndex(*inner, Member(request, "LocalIndexes")) && QueryPartitionValues(*inner, {hash_key}, &values);
  } else if (op == "GetItem" || op == "PutItem" || op == "UpdateItem" || op == "DeleteItem" || op == "Get" ||
             op == "Put" || op == "Update" || op == "Delete" || op == "ConditionCheck") {
    const JsonValue* wire = ItemRequestKeyValue(op, *inner, hash_key);
    values.emplace_back();
    found = wire && DecodeAttributeValue(*wire, 1, &values[0]).ok();
  }
  if (found && std::all_of(values.begin(), values.end(), IsKeyType)) {
    std::string encoded;
    for (const AttributeValue& value : values) AppendKeyValue(value, &encoded);
    WriteKey(out, "Hash");
    out.Uint(PartitionHash(encoded));
  }
  return Status::OK();
}

}  // namespace dodb::ops
