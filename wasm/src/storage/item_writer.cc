#include "storage/item_writer.h"

#include <optional>

#include "format/item_codec.h"
#include "storage/secondary_index.h"
#include "storage/shard_split.h"

namespace dodb {

void WriteIndexEntry(Store& store, const TableInfo& table, const IndexInfo& index, const AttributeMap& item) {
  if (std::optional<std::string> key = IndexEntryKey(table, index, item))
    store.Put(*key, EncodeItem(IndexProjection(table, index, item)));
}

void WriteItem(Store& store, const TableInfo& table, const std::string& item_key, const AttributeMap* old_item,
               const AttributeMap* new_item, ChangeCause cause) {
  AppendStreamRecord(store, table, old_item, new_item, cause);
  for (const IndexInfo& index : table.indexes) {
    if (index.status == IndexStatus::kDeleting) continue;
    std::optional<std::string> old_entry = old_item ? IndexEntryKey(table, index, *old_item) : std::nullopt;
    std::optional<std::string> new_entry = new_item ? IndexEntryKey(table, index, *new_item) : std::nullopt;
    if (old_entry && old_entry != new_entry) store.Delete(*old_entry);
    if (new_entry) store.Put(*new_entry, EncodeItem(IndexProjection(table, index, *new_item)));
  }
  if (table.split.phase != SplitPhase::kNone) NoteSplitWrite(store, table, item_key);
  if (new_item)
    store.Put(item_key, EncodeItem(*new_item));
  else if (old_item)
    store.Delete(item_key);
}

}  // namespace dodb
