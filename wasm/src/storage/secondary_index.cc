#include "storage/secondary_index.h"

#include <algorithm>

#include "format/key_codec.h"
#include "format/keyspace.h"

namespace dodb {
namespace {

bool IsKeyOf(const TableInfo& table, const IndexInfo& index, std::string_view name) {
  if (name == table.hash_key.name || (table.range_key && name == table.range_key->name)) return true;
  for (const KeyAttribute& k : index.hash_keys)
    if (k.name == name) return true;
  for (const KeyAttribute& k : index.range_keys)
    if (k.name == name) return true;
  return false;
}

}  // namespace

std::optional<std::string> IndexEntryKey(const TableInfo& table, const IndexInfo& index, const AttributeMap& item) {
  std::string key = IndexPrefix(index.id);
  for (const auto* keys : {&index.hash_keys, &index.range_keys}) {
    for (const KeyAttribute& k : *keys) {
      const AttributeValue* v = FindAttribute(item, k.name);
      if (!v || v->type != k.type) return std::nullopt;
      AppendKeyValue(*v, &key);
    }
  }
  AppendKeyValue(*FindAttribute(item, table.hash_key.name), &key);
  if (table.range_key) AppendKeyValue(*FindAttribute(item, table.range_key->name), &key);
  return key;
}

bool IndexProjects(const TableInfo& table, const IndexInfo& index, std::string_view attribute) {
  if (index.projection_type == ProjectionType::kAll || IsKeyOf(table, index, attribute)) return true;
  return index.projection_type == ProjectionType::kInclude &&
         std::find(index.non_key_attributes.begin(), index.non_key_attributes.end(), attribute) !=
             index.non_key_attributes.end();
}

AttributeMap IndexProjection(const TableInfo& table, const IndexInfo& index, const AttributeMap& item) {
  if (index.projection_type == ProjectionType::kAll) return item;
  AttributeMap out;
  for (const Attribute& a : item)
    if (IndexProjects(table, index, a.name)) out.push_back(a);
  return out;
}

Status CheckIndexKeys(const TableInfo& table, const AttributeMap& item, bool from_update) {
  for (const IndexInfo& index : table.indexes) {
    for (const auto* keys : {&index.hash_keys, &index.range_keys}) {
      for (const KeyAttribute& k : *keys) {
        const AttributeValue* v = FindAttribute(item, k.name);
        if (!v) continue;
        if (v->type != k.type) {
          if (from_update)
            return Status::ItemValidation("The update expression attempted to update the secondary index key to unsupported type");
          return Status::Validation("One or more parameter values were invalid: Type mismatch for Index Key " + k.name +
                                    " Expected: " + std::string(TypeName(k.type)) +
                                    " Actual: " + std::string(TypeName(v->type)) + " IndexName: " + index.name);
        }
        if (v->type != ValueType::N && v->scalar.empty())
          return Status::Validation(
              "One or more parameter values are not valid. A value specified for a secondary index key is not "
              "supported. The AttributeValue for a key attribute cannot contain an empty " +
              std::string(v->type == ValueType::B ? "binary" : "string") + " value. IndexName: " + index.name +
              ", IndexKey: " + k.name);
      }
    }
  }
  return Status::OK();
}

}  // namespace dodb
