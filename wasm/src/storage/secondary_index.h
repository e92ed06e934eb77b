// secondary_index.h: what an item contributes to a secondary index: its entry key (index key
// attributes, then the table key, keyspace.h), the projected attributes stored with it, and the
// type checks DynamoDB makes on index key attributes when an item is written. An item that lacks
// any of an index's key attributes is not in that index (sparse indexes).
#ifndef DODB_SECONDARY_INDEX_H_
#define DODB_SECONDARY_INDEX_H_

#include <optional>
#include <string>

#include "format/attribute_value.h"
#include "util/status.h"
#include "format/table_info.h"

namespace dodb {

std::optional<std::string> IndexEntryKey(const TableInfo& table, const IndexInfo& index, const AttributeMap& item);

// The attributes an index stores for item (ALL, KEYS_ONLY or INCLUDE).
AttributeMap IndexProjection(const TableInfo& table, const IndexInfo& index, const AttributeMap& item);

// True if attribute is stored in index entries (a key of the table or index, or projected).
bool IndexProjects(const TableInfo& table, const IndexInfo& index, std::string_view attribute);

// Index key attributes the item has must be of the declared type and not empty.
// from_update selects UpdateItem's wording for a wrong type.
Status CheckIndexKeys(const TableInfo& table, const AttributeMap& item, bool from_update);

}  // namespace dodb

#endif  // DODB_SECONDARY_INDEX_H_
