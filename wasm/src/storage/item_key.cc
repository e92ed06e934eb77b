#include "storage/item_key.h"

#include "format/key_codec.h"
#include "format/keyspace.h"

namespace dodb {
namespace {

constexpr size_t kMaxHashKeyBytes = 2048;
constexpr size_t kMaxRangeKeyBytes = 1024;

// Empty and oversize key values; `were` selects the GetItem/DeleteItem wording.
Status CheckKeyValue(const KeyAttribute& k, const AttributeValue& v, bool is_hash, bool put_wording) {
  if (v.type != ValueType::N && v.scalar.empty()) {
    std::string kind = v.type == ValueType::B ? "binary" : "string";
    std::string prefix = put_wording ? "One or more parameter values are not valid. "
                                     : "One or more parameter values were invalid: ";
    std::string message = prefix + "The AttributeValue for a key attribute cannot contain an empty " + kind +
                          " value. Key: " + k.name;
    return put_wording ? Status::Validation(std::move(message))
                       : Status::ItemValidation(std::move(message), ItemScope::kEmptyKey);
  }
  if (v.type != ValueType::N) {
    if (is_hash && v.scalar.size() > kMaxHashKeyBytes)
      return Status::Validation(
          "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit "
          "of2048 bytes");
    if (!is_hash && v.scalar.size() > kMaxRangeKeyBytes)
      return Status::Validation(
          "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size "
          "limit of 1024 bytes");
  }
  return Status::OK();
}

}  // namespace

Status CheckItemKey(const TableInfo& table, const AttributeMap& item) {
  const KeyAttribute* keys[2] = {&table.hash_key, table.range_key ? &*table.range_key : nullptr};
  for (int i = 0; i < 2 && keys[i]; ++i) {
    const KeyAttribute& k = *keys[i];
    const AttributeValue* v = FindAttribute(item, k.name);
    if (!v)
      return Status::ItemValidation("One or more parameter values were invalid: Missing the key " + k.name + " in the item",
                                    ItemScope::kKeyMismatch);
    if (v->type != k.type)
      return Status::ItemValidation("One or more parameter values were invalid: Type mismatch for key " + k.name +
                                        " expected: " + std::string(TypeName(k.type)) +
                                        " actual: " + std::string(TypeName(v->type)),
                                    ItemScope::kKeyMismatch);
    DODB_RETURN_IF_ERROR(CheckKeyValue(k, *v, i == 0, true));
  }
  return Status::OK();
}

Status CheckRequestKey(const TableInfo& table, const AttributeMap& key) {
  const Status mismatch = Status::ItemValidation("The provided key element does not match the schema", ItemScope::kKeyMismatch);
  size_t expected = table.range_key ? 2 : 1;
  const KeyAttribute* keys[2] = {&table.hash_key, table.range_key ? &*table.range_key : nullptr};
  for (int i = 0; i < 2 && keys[i]; ++i) {
    const AttributeValue* v = FindAttribute(key, keys[i]->name);
    if (!v || v->type != keys[i]->type) return mismatch;
  }
  if (key.size() != expected) return mismatch;
  for (int i = 0; i < 2 && keys[i]; ++i)
    DODB_RETURN_IF_ERROR(CheckKeyValue(*keys[i], *FindAttribute(key, keys[i]->name), i == 0, false));
  return Status::OK();
}

std::string ItemStorageKey(const TableInfo& table, const AttributeMap& item_or_key) {
  std::string key = ItemPrefix(table.id);
  AppendKeyValue(*FindAttribute(item_or_key, table.hash_key.name), &key);
  if (table.range_key) AppendKeyValue(*FindAttribute(item_or_key, table.range_key->name), &key);
  return key;
}

}  // namespace dodb
