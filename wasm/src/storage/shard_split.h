// shard_split.h: the storage side of a split (format/shard_split.h, docs/SCALING.md "Splits"):
// which bucket an item is in, the dirty items a split must copy again (key space 0x09, written by
// item_writer.h in the same storage transaction as the item), and the bounded steps that read
// the moving range out of the parent, write it into the child and drop it from the parent.
#ifndef DODB_STORAGE_SHARD_SPLIT_H_
#define DODB_STORAGE_SHARD_SPLIT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "format/attribute_value.h"
#include "format/table_info.h"
#include "storage/store.h"
#include "util/json.h"

namespace dodb {

// The bucket of the item stored at item_key (0x02 <table id> <hash key> ...).
uint32_t BucketOfItemKey(const TableInfo& table, std::string_view item_key);

// After item_key was written: notes it dirty if a split copies its bucket (item_writer.h).
void NoteSplitWrite(Store& store, const TableInfo& table, std::string_view item_key);

// A page of the moving range from table.split.cursor: {"Items": [item...], "Cursor": base64 of
// the next key, "Done": bool}, at most max_bytes of items (at least one), reading at most
// max_rows rows. Reads only; the caller advances the cursor once the child has the items.
void ExportMovingItems(Store& store, const TableInfo& table, size_t max_bytes, int max_rows, JsonWriter& out);

// The dirty items, at most max: {"Dirty": [{"Key": key attributes, "Item": item or absent (deleted),
// "Hash": text}...]}. Each entry's Hash names the item as exported, so ClearDirty drops only entries
// whose item is unchanged since.
void ExportDirtyItems(Store& store, const TableInfo& table, int max, JsonWriter& out);
// Drops the dirty marks of the keys whose items still hash as given; returns how many are left (up to limit).
int ClearDirty(Store& store, const TableInfo& table, const JsonValue& entries, int limit);

// Drops every dirty mark of the table (its split has ended).
void DropDirtyMarks(Store& store, const TableInfo& table);

// Writes items (a child taking its range) or deletes keys, with their index entries, recording
// no stream change (ChangeCause::kSplit). Items are checked against the table's key schema.
Status ImportItems(Store& store, const TableInfo& table, const JsonValue& items, const JsonValue* deleted);

// Deletes, from table.split.cursor, up to max_rows items this object no longer serves; true when done.
bool DropGivenItems(Store& store, TableInfo* table, int max_rows);

// Whether any transaction holds a lock on an item of the table (a split cannot switch then).
bool TableHasLocks(Store& store, const TableInfo& table);

}  // namespace dodb

#endif  // DODB_STORAGE_SHARD_SPLIT_H_
