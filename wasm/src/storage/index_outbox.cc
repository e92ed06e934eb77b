#include "storage/index_outbox.h"

#include <algorithm>
#include <optional>

#include "format/item_codec.h"
#include "format/key_codec.h"
#include "format/keyspace.h"
#include "storage/item_key.h"
#include "storage/item_writer.h"
#include "storage/secondary_index.h"
#include "util/json_writer.h"

namespace dodb {
namespace {

std::string VersionKey(std::string_view item_key) { return std::string(1, kItemVersionPrefix).append(item_key); }

std::string U64Key(char space, uint64_t n) {
  std::string k(1, space);
  for (int shift = 56; shift >= 0; shift -= 8) k.push_back(static_cast<char>((n >> shift) & 0xFF));
  return k;
}

uint64_t ReadU64(std::string_view bytes) {
  uint64_t n = 0;
  for (size_t i = 0; i < 8 && i < bytes.size(); ++i) n = (n << 8) | static_cast<unsigned char>(bytes[i]);
  return n;
}

void WriteVersion(Store& store, std::string_view item_key, uint64_t version) {
  std::string bytes = U64Key('\0', version).substr(1);
  store.Put(VersionKey(item_key), bytes);
}

uint64_t NowMicros(Store& store) { return static_cast<uint64_t>(store.NowMs()) * 1000; }

// The next outbox place: after the last record, and never below the clock, so a place is not
// reused after the outbox empties (a delivery in flight acknowledges the places it read).
std::string NextOutboxKey(Store& store) {
  std::vector<KeyValue> last = LastOutboxRecord(store);
  uint64_t next = last.empty() ? 0 : ReadU64(std::string_view(last[0].key).substr(1)) + 1;
  return U64Key(kIndexOutboxPrefix, std::max(next, NowMicros(store)));
}

// The table's key attributes of item.
AttributeMap KeyOf(const TableInfo& table, const AttributeMap& item) {
  AttributeMap key;
  for (const Attribute& a : item)
    if (a.name == table.hash_key.name || (table.range_key && a.name == table.range_key->name)) key.push_back(a);
  return key;
}

void AddRecord(Store& store, const TableInfo& table, const IndexInfo& index, int64_t shard, const AttributeMap& key,
               uint64_t version, const AttributeMap* projected) {
  JsonWriter w;
  w.StartObject();
  WriteKey(w, "O");
  WriteString(w, table.index_objects + index.name + "/" + std::to_string(shard));
  if (!table.index_jurisdiction.empty()) {
    WriteKey(w, "J");
    WriteString(w, table.index_jurisdiction);
  }
  WriteKey(w, "T");
  WriteString(w, table.name);
  WriteKey(w, "I");
  WriteString(w, index.name);
  WriteKey(w, "X");
  w.Uint(index.id);
  WriteKey(w, "K");
  WriteAttributeMap(w, key);
  WriteKey(w, "V");
  w.Uint64(version);
  if (projected) {
    WriteKey(w, "P");
    WriteAttributeMap(w, *projected);
  }
  w.EndObject();
  store.Put(NextOutboxKey(store), w.view());
}

}  // namespace

bool IsPartitionedIndex(const TableInfo& table, const IndexInfo& index) {
  return index.global && !table.index_objects.empty() && table.index_shards > 0;
}

bool IsHeldByRouter(const TableInfo& table, const IndexInfo& index) {
  return index.global && table.index_objects.empty() && table.index_shards > 0 && table.ShardCount() > 1;
}

bool HasPartitionedIndexes(const TableInfo& table) {
  return std::any_of(table.indexes.begin(), table.indexes.end(), [&](const IndexInfo& i) {
    return i.status != IndexStatus::kDeleting && IsPartitionedIndex(table, i);
  });
}

uint64_t ItemVersion(Store& store, std::string_view item_key) {
  std::string bytes;
  return store.Get(VersionKey(item_key), &bytes) ? ReadU64(bytes) : 0;
}

uint64_t NextItemVersion(Store& store, std::string_view item_key) {
  uint64_t version = std::max(ItemVersion(store, item_key) + 1, NowMicros(store));
  WriteVersion(store, item_key, version);
  return version;
}

int64_t ShardOfHash(uint32_t hash, int64_t shards) { return static_cast<int64_t>((hash >> 16) * shards / 65536); }

bool IndexShardOf(const IndexInfo& index, const AttributeMap& item, int64_t shards, int64_t* shard) {
  std::string encoded;
  for (const KeyAttribute& k : index.hash_keys) {
    const AttributeValue* v = FindAttribute(item, k.name);
    if (!v || v->type != k.type) return false;
    AppendKeyValue(*v, &encoded);
  }
  for (const KeyAttribute& k : index.range_keys) {  // sparse: every key attribute must be there
    const AttributeValue* v = FindAttribute(item, k.name);
    if (!v || v->type != k.type) return false;
  }
  *shard = ShardOfHash(PartitionHash(encoded), shards);
  return true;
}

void EmitIndexChange(Store& store, const TableInfo& table, const IndexInfo& index, const AttributeMap* old_item,
                     const AttributeMap* new_item, uint64_t version) {
  int64_t old_shard = -1, new_shard = -1;
  if (old_item && !IndexShardOf(index, *old_item, table.index_shards, &old_shard)) old_shard = -1;
  if (new_item && !IndexShardOf(index, *new_item, table.index_shards, &new_shard)) new_shard = -1;
  std::optional<AttributeMap> projected;
  if (new_shard >= 0) projected = IndexProjection(table, index, *new_item);
  if (old_shard >= 0 && old_shard == new_shard &&
      EncodeItem(IndexProjection(table, index, *old_item)) == EncodeItem(*projected))
    return;  // the entry neither moves nor changes
  if (old_shard >= 0 && old_shard != new_shard)
    AddRecord(store, table, index, old_shard, KeyOf(table, *old_item), version, nullptr);
  if (new_shard >= 0) AddRecord(store, table, index, new_shard, KeyOf(table, *new_item), version, &*projected);
}

std::vector<KeyValue> ReadOutbox(Store& store, int limit) {
  std::string prefix(1, kIndexOutboxPrefix);
  return store.Scan(prefix, PrefixEnd(prefix), false, limit);
}

bool OutboxEmpty(Store& store) { return ReadOutbox(store, 1).empty(); }

std::vector<KeyValue> LastOutboxRecord(Store& store) {
  std::string prefix(1, kIndexOutboxPrefix);
  return store.Scan(prefix, PrefixEnd(prefix), true, 1);
}

bool OutboxRecordCurrent(const TableInfo* table, std::string_view index_name, uint32_t index_id) {
  const IndexInfo* index = table ? table->FindIndex(index_name) : nullptr;
  return index && index->id == index_id && index->status != IndexStatus::kDeleting;
}

bool ApplyIndexRecord(Store& store, const TableInfo& table, const AttributeMap& key, uint64_t version,
                      const AttributeMap* projected) {
  std::string item_key = ItemStorageKey(table, key);
  if (ItemVersion(store, item_key) >= version) return false;
  WriteVersion(store, item_key, version);
  std::string bytes;
  AttributeMap old_item;
  bool had = store.Get(item_key, &bytes) && DecodeItem(bytes, &old_item);
  WriteItem(store, table, item_key, had ? &old_item : nullptr, projected);
  return true;
}

}  // namespace dodb
