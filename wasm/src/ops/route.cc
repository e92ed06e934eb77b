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
#include <string_view>

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

// The partition key value a Query's key condition fixes, if it fixes one.
bool QueryPartitionValue(const JsonValue& request, std::string_view hash_key, AttributeValue* value) {
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
  for (const KeyPredicate& p : predicates)
    if (p.attribute == hash_key && p.op == KeyPredicate::Op::kEq && p.values.size() == 1) {
      *value = p.values[0];
      return true;
    }
  return false;
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
  AttributeValue value;
  bool found = false;
  if (op == "Query") {
    found = NamesLocalIndex(*inner, Member(request, "LocalIndexes")) && QueryPartitionValue(*inner, hash_key, &value);
  } else if (op == "GetItem" || op == "PutItem" || op == "UpdateItem" || op == "DeleteItem" || op == "Get" ||
             op == "Put" || op == "Update" || op == "Delete" || op == "ConditionCheck") {
    const JsonValue* wire = ItemRequestKeyValue(op, *inner, hash_key);
    found = wire && DecodeAttributeValue(*wire, 1, &value).ok();
  }
  if (found && IsKeyType(value)) {
    std::string encoded;
    AppendKeyValue(value, &encoded);
    WriteKey(out, "Hash");
    out.Uint(PartitionHash(encoded));
  }
  return Status::OK();
}

}  // namespace dodb::ops
