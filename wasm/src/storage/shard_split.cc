#include "storage/shard_split.h"

#include <vector>

#include "format/item_codec.h"
#include "format/key_codec.h"
#include "format/keyspace.h"
#include "storage/item_key.h"
#include "storage/item_writer.h"
#include "util/base64.h"

namespace dodb {
namespace {

constexpr size_t kItemKeyHead = 5;  // 0x02 and the table id

std::string DirtyKey(std::string_view item_key) { return std::string(1, kSplitDirtyPrefix).append(item_key); }

// The key attributes of the item stored at item_key; false if the key does not decode.
bool KeyOfItemKey(const TableInfo& table, std::string_view item_key, AttributeMap* key) {
  if (item_key.size() < kItemKeyHead) return false;
  std::string_view in = item_key.substr(kItemKeyHead);
  AttributeValue hash, range;
  if (!ReadKeyValue(table.hash_key.type, &in, &hash)) return false;
  key->clear();
  key->emplace_back(table.hash_key.name, std::move(hash));
  if (table.range_key) {
    if (!ReadKeyValue(table.range_key->type, &in, &range)) return false;
    key->emplace_back(table.range_key->name, std::move(range));
  }
  return true;
}

// Names the stored bytes of an item ("" absent), so a dirty mark is dropped only for an unchanged item.
std::string ItemHash(bool present, std::string_view bytes) {
  if (!present) return "-";
  uint64_t h = 14695981039346656037ull;
  for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return std::to_string(h) + ":" + std::to_string(bytes.size());
}

}  // namespace

uint32_t BucketOfItemKey(const TableInfo& table, std::string_view item_key) {
  if (item_key.size() < kItemKeyHead) return 0;
  std::string_view rest = item_key.substr(kItemKeyHead), in = rest;
  AttributeValue hash;
  if (!ReadKeyValue(table.hash_key.type, &in, &hash)) return 0;
  return BucketOfHash(PartitionHash(rest.substr(0, rest.size() - in.size())));
}

void NoteSplitWrite(Store& store, const TableInfo& table, std::string_view item_key) {
  if (table.split.Tracks(BucketOfItemKey(table, item_key))) store.Put(DirtyKey(item_key), "");
}

void ExportMovingItems(Store& store, const TableInfo& table, size_t max_bytes, int max_rows, JsonWriter& out) {
  const std::string end = PrefixEnd(ItemPrefix(table.id));
  std::string start = table.split.cursor.empty() ? ItemPrefix(table.id) : table.split.cursor;
  size_t bytes = 0;
  int rows = 0;
  bool done = false;
  WriteKey(out, "Items");
  out.StartArray();
  while (bytes < max_bytes && rows < max_rows) {
    std::vector<KeyValue> batch = store.Scan(start, end, false, 256);
    bool full = false;
    for (const KeyValue& kv : batch) {
      ++rows;
      start = kv.key + '\0';
      if (table.split.moving.Contains(BucketOfItemKey(table, kv.key))) {
        AttributeMap item;
        if (DecodeItem(kv.value, &item)) {
          WriteAttributeMap(out, item);
          bytes += kv.key.size() + kv.value.size();
        }
      }
      if ((full = bytes >= max_bytes || rows >= max_rows)) break;
    }
    if (!full && batch.size() < 256) {
      done = true;
      break;
    }
  }
  out.EndArray();
  WriteKey(out, "Cursor");
  WriteString(out, Base64Encode(start));
  WriteKey(out, "Done");
  out.Bool(done);
}

void ExportDirtyItems(Store& store, const TableInfo& table, int max, JsonWriter& out) {
  const std::string prefix = DirtyKey(ItemPrefix(table.id));
  WriteKey(out, "Dirty");
  out.StartArray();
  for (const KeyValue& kv : store.Scan(prefix, PrefixEnd(prefix), false, max)) {
    const std::string_view item_key = std::string_view(kv.key).substr(1);
    AttributeMap key;
    if (!KeyOfItemKey(table, item_key, &key)) continue;
    std::string bytes;
    const bool present = store.Get(std::string(item_key), &bytes);
    AttributeMap item;
    out.StartObject();
    WriteKey(out, "Key");
    WriteAttributeMap(out, key);
    if (present && DecodeItem(bytes, &item)) {
      WriteKey(out, "Item");
      WriteAttributeMap(out, item);
    }
    WriteKey(out, "Hash");
    WriteString(out, ItemHash(present, bytes));
    out.EndObject();
  }
  out.EndArray();
}

int ClearDirty(Store& store, const TableInfo& table, const JsonValue& entries, int limit) {
  if (entries.IsArray())
    for (const JsonValue& e : entries.GetArray()) {
      const JsonValue* key_json = Member(e, "Key");
      const JsonValue* hash = Member(e, "Hash");
      AttributeMap key;
      if (!key_json || !hash || !hash->IsString() || !DecodeAttributeMap(*key_json, 0, &key).ok()) continue;
      const std::string item_key = ItemStorageKey(table, key);
      std::string bytes;
      const bool present = store.Get(item_key, &bytes);
      if (ItemHash(present, bytes) == StringOf(*hash)) store.Delete(DirtyKey(item_key));
    }
  const std::string prefix = DirtyKey(ItemPrefix(table.id));
  return static_cast<int>(store.Scan(prefix, PrefixEnd(prefix), false, limit).size());
}

void DropDirtyMarks(Store& store, const TableInfo& table) {
  const std::string prefix = DirtyKey(ItemPrefix(table.id));
  for (;;) {
    std::vector<KeyValue> batch = store.Scan(prefix, PrefixEnd(prefix), false, 512);
    for (const KeyValue& kv : batch) store.Delete(kv.key);
    if (batch.size() < 512) return;
  }
}

Status ImportItems(Store& store, const TableInfo& table, const JsonValue& items, const JsonValue* deleted) {
  auto write = [&](const AttributeMap& key_or_item, const AttributeMap* item) {
    const std::string item_key = ItemStorageKey(table, key_or_item);
    std::string bytes;
    AttributeMap old;
    const bool had = store.Get(item_key, &bytes) && DecodeItem(bytes, &old);
    WriteItem(store, table, item_key, had ? &old : nullptr, item, ChangeCause::kSplit);
  };
  if (!items.IsArray()) return Status::Validation("@SplitImport: Items must be a list");
  for (const JsonValue& j : items.GetArray()) {
    AttributeMap item;
    DODB_RETURN_IF_ERROR(DecodeAttributeMap(j, 0, &item));
    DODB_RETURN_IF_ERROR(CheckItemKey(table, item));
    write(item, &item);
  }
  if (deleted && deleted->IsArray())
    for (const JsonValue& j : deleted->GetArray()) {
      AttributeMap key;
      DODB_RETURN_IF_ERROR(DecodeAttributeMap(j, 0, &key));
      DODB_RETURN_IF_ERROR(CheckRequestKey(table, key));
      write(key, nullptr);
    }
  return Status::OK();
}

bool DropGivenItems(Store& store, TableInfo* table, int max_rows) {
  const std::string end = PrefixEnd(ItemPrefix(table->id));
  const std::string start = table->split.cursor.empty() ? ItemPrefix(table->id) : table->split.cursor;
  std::vector<KeyValue> batch = store.Scan(start, end, false, max_rows);
  for (const KeyValue& kv : batch) {
    if (table->split.Serves(BucketOfItemKey(*table, kv.key))) continue;
    AttributeMap item;
    if (DecodeItem(kv.value, &item)) WriteItem(store, *table, kv.key, &item, nullptr, ChangeCause::kSplit);
  }
  if (static_cast<int>(batch.size()) < max_rows) return true;
  table->split.cursor = batch.back().key + '\0';
  return false;
}

bool TableHasLocks(Store& store, const TableInfo& table) {
  const std::string prefix = std::string(1, kItemLockPrefix).append(ItemPrefix(table.id));
  return !store.Scan(prefix, PrefixEnd(prefix), false, 1).empty();
}

}  // namespace dodb
