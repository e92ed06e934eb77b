// item_key.h: checking an item's or a request Key's key attributes against the table's key
// schema (with DynamoDB's messages, which differ between PutItem and GetItem/DeleteItem), and
// building the item's storage key (keyspace.h + key_codec.h).
#ifndef DODB_ITEM_KEY_H_
#define DODB_ITEM_KEY_H_

#include <string>

#include "format/attribute_value.h"
#include "util/status.h"
#include "format/table_info.h"

namespace dodb {

// PutItem: the item must carry every key attribute, of the declared type, non-empty, in size.
Status CheckItemKey(const TableInfo& table, const AttributeMap& item);

// GetItem / DeleteItem: the Key must hold exactly the key attributes.
Status CheckRequestKey(const TableInfo& table, const AttributeMap& key);

// The storage key of the item with these key attributes (already checked).
std::string ItemStorageKey(const TableInfo& table, const AttributeMap& item_or_key);

}  // namespace dodb

#endif  // DODB_ITEM_KEY_H_
