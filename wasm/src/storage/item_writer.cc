#include "storage/item_writer.h"

#include <optional>

#include "format/item_codec.h"
#include "storage/index_outbox.h"
#include "storage/secondary_index.h"
#include "storage/shard_split.h"

namespace dodb {

void WriteIndexEntry(Store& store, const TableInfo& table, const IndexInfo& index, const std::string& item_key,
                     const AttributeMap& item) {
  if (IsPartitionedIndex(table, index)) {
    // A backfill: a new version, so the entry replaces any that an earlier index of the same
    // name left in flight.
    EmitIndexChange(store, table, index, nullptr, &item, NextItemVersion(store, item_key));
    return;
  }
  if (std::optional<std::string> key = IndexEntryKey(table, index, item))
    store.Put(*key, EncodeItem(IndexProjection(table, index, item)));
}

void WriteItem(Store& store, const TableInfo& table, const std::string& item_key, const AttributeMap* old_item,
               const AttributeMap* new_item, ChangeCause cause) {
  AppendStreamRecord(store, table, old_item, new_item, cause);
  // GSIs partitioned by their own key: outbox records at the item's next version (index_outbox.h).
  // A split's copy or drop changes no item: the index shards keep what they have, and the child's
  // next write of the item gets a newer version (microseconds) than the parent's last.
  const bool split = cause == ChangeCause::kSplit;
  uint64_t version = !split && (old_item || new_item) && HasPartitionedIndexes(table) ? NextItemVersion(store, item_key) : 0;
  for (const IndexInfo& index : table.indexes) {
    if (index.status == IndexStatus::kDeleting) continue;
    if (IsPartitionedIndex(table, index)) {
      if (!split) EmitIndexChange(store, table, index, old_item, new_item, version);
      continue;
    }
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
