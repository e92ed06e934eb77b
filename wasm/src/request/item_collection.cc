#include "request/item_collection.h"

#include <algorithm>
#include <cmath>

#include "format/key_codec.h"
#include "format/keyspace.h"

namespace dodb {
namespace {

constexpr int kScanBatch = 256;

bool HasLocalIndexes(const TableInfo& table) {
  for (const IndexInfo& index : table.indexes)
    if (!index.global) return true;
  return false;
}

// Bytes stored under prefix (keys and values).
double StoredBytes(Store& store, const std::string& prefix) {
  std::string start = prefix, end = PrefixEnd(prefix);
  double bytes = 0;
  for (;;) {
    std::vector<KeyValue> batch = store.Scan(start, end, false, kScanBatch);
    for (const KeyValue& kv : batch) bytes += static_cast<double>(kv.key.size() + kv.value.size());
    if (batch.size() < static_cast<size_t>(kScanBatch)) return bytes;
    start = batch.back().key + '\0';
  }
}

void WriteMetricsObject(JsonWriter& w, Store& store, const WritePlan& plan) {
  const TableInfo& table = plan.table;
  const AttributeMap& item = plan.new_item ? *plan.new_item : *plan.old_item;
  const AttributeValue& hash = *FindAttribute(item, table.hash_key.name);
  std::string partition;
  AppendKeyValue(hash, &partition);
  double bytes = StoredBytes(store, ItemPrefix(table.id) + partition);
  for (const IndexInfo& index : table.indexes)
    if (!index.global) bytes += StoredBytes(store, IndexPrefix(index.id) + partition);
  double lower = std::floor(bytes / (1024.0 * 1024.0 * 1024.0));
  w.StartObject();
  WriteKey(w, "ItemCollectionKey");
  w.StartObject();
  WriteKey(w, table.hash_key.name);
  WriteAttributeValue(w, hash);
  w.EndObject();
  WriteKey(w, "SizeEstimateRangeGB");
  w.StartArray();
  w.Double(lower);
  w.Double(lower + 1);
  w.EndArray();
  w.EndObject();
}

// A write whose item (new, or old for a delete) is known; a delete of a missing item is not.
bool HasItem(const WritePlan& plan) { return plan.writes && (plan.new_item || plan.old_item); }

}  // namespace

void WriteItemCollectionMetrics(JsonWriter& w, std::string_view mode, Store& store, const WritePlan& plan) {
  if (mode != "SIZE" || !HasLocalIndexes(plan.table) || !HasItem(plan)) return;
  WriteKey(w, "ItemCollectionMetrics");
  WriteMetricsObject(w, store, plan);
}

void WriteItemCollectionMetricsByTable(JsonWriter& w, std::string_view mode, Store& store,
                                       const std::vector<const WritePlan*>& plans) {
  if (mode != "SIZE" ||
      std::none_of(plans.begin(), plans.end(), [](const WritePlan* p) { return HasLocalIndexes(p->table); }))
    return;
  WriteKey(w, "ItemCollectionMetrics");
  w.StartObject();
  std::vector<std::string_view> done;
  for (const WritePlan* first : plans) {
    const std::string& name = first->table.name;
    if (!HasLocalIndexes(first->table) || std::find(done.begin(), done.end(), name) != done.end()) continue;
    done.push_back(name);
    WriteKey(w, name);
    w.StartArray();
    for (const WritePlan* plan : plans)
      if (plan->table.name == name && HasItem(*plan)) WriteMetricsObject(w, store, *plan);
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace dodb
