#include "request/capacity.h"

#include <algorithm>

#include "format/item_codec.h"
#include "storage/secondary_index.h"
#include "request/write_plan.h"

namespace dodb {
namespace {

void AddUnits(std::vector<std::pair<std::string, double>>* arms, const std::string& name, double units) {
  for (auto& [arm, sum] : *arms)
    if (arm == name) {
      sum += units;
      return;
    }
  arms->emplace_back(name, units);
}

void WriteUnitsObject(JsonWriter& w, double units) {
  w.StartObject();
  WriteKey(w, "CapacityUnits");
  w.Double(units);
  w.EndObject();
}

void WriteIndexArms(JsonWriter& w, const char* member, const std::vector<std::pair<std::string, double>>& arms) {
  if (arms.empty()) return;
  WriteKey(w, member);
  w.StartObject();
  for (const auto& [name, units] : arms) {
    WriteKey(w, name);
    WriteUnitsObject(w, units);
  }
  w.EndObject();
}

void WriteConsumptionObject(JsonWriter& w, std::string_view mode, const Consumption& c) {
  w.StartObject();
  WriteKey(w, "TableName");
  WriteString(w, c.table);
  WriteKey(w, "CapacityUnits");
  w.Double(c.Total());
  if (mode == "INDEXES") {
    WriteKey(w, "Table");
    WriteUnitsObject(w, c.table_units);
    WriteIndexArms(w, "LocalSecondaryIndexes", c.local_indexes);
    WriteIndexArms(w, "GlobalSecondaryIndexes", c.global_indexes);
  }
  w.EndObject();
}

}  // namespace

double WriteUnits(size_t item_bytes) {
  size_t units = (item_bytes + 1023) / 1024;
  return static_cast<double>(units ? units : 1);
}

double ReadUnits(size_t item_bytes, bool consistent) {
  size_t units = (item_bytes + 4095) / 4096;
  double u = static_cast<double>(units ? units : 1);
  return consistent ? u : u / 2;
}

double Consumption::Total() const {
  double total = table_units;
  for (const auto& arm : global_indexes) total += arm.second;
  for (const auto& arm : local_indexes) total += arm.second;
  return total;
}

void Consumption::AddIndex(const std::string& index, bool global, double units) {
  AddUnits(global ? &global_indexes : &local_indexes, index, units);
}

void Consumption::Add(const Consumption& other) {
  table_units += other.table_units;
  for (const auto& [name, units] : other.global_indexes) AddUnits(&global_indexes, name, units);
  for (const auto& [name, units] : other.local_indexes) AddUnits(&local_indexes, name, units);
}

void AddConsumption(TableConsumption* per_table, const Consumption& c) {
  for (Consumption& entry : *per_table)
    if (entry.table == c.table) {
      entry.Add(c);
      return;
    }
  per_table->push_back(c);
}

Consumption ReadConsumption(const std::string& table, double units, const IndexInfo* index) {
  Consumption c;
  c.table = table;
  if (index)
    c.AddIndex(index->name, index->global, units);
  else
    c.table_units = units;
  return c;
}

// Charged on the projected index entry either side of the write, as captured against DynamoDB
// (dynoxide src/actions/index_capacity.rs, eu-west-2; AWS GSI docs "Writes to a GSI"):
// absent->present: new; present->absent: old; key moved: old + new (a delete and a put);
// same key, projection unchanged: nothing; same key, changed: the larger of old and new.
std::optional<double> IndexWriteUnits(const TableInfo& table, const IndexInfo& index, const AttributeMap* old_item,
                                      const AttributeMap* new_item) {
  std::optional<std::string> old_key, new_key;
  if (old_item) old_key = IndexEntryKey(table, index, *old_item);
  if (new_item) new_key = IndexEntryKey(table, index, *new_item);
  if (!old_key && !new_key) return std::nullopt;
  auto units = [&](const AttributeMap& item) { return WriteUnits(ItemSize(IndexProjection(table, index, item))); };
  if (!old_key) return units(*new_item);
  if (!new_key) return units(*old_item);
  if (*old_key != *new_key) return units(*old_item) + units(*new_item);
  AttributeMap old_entry = IndexProjection(table, index, *old_item);
  AttributeMap new_entry = IndexProjection(table, index, *new_item);
  if (old_entry == new_entry) return std::nullopt;
  return std::max(WriteUnits(ItemSize(old_entry)), WriteUnits(ItemSize(new_entry)));
}

Consumption WriteConsumption(const WritePlan& plan, double table_factor) {
  Consumption c;
  c.table = plan.table.name;
  size_t old_size = plan.old_item ? ItemSize(*plan.old_item) : 0;
  c.table_units = table_factor * WriteUnits(std::max(plan.new_size, old_size));
  if (!plan.writes) return c;
  const AttributeMap* old_item = plan.old_item ? &*plan.old_item : nullptr;
  const AttributeMap* new_item = plan.new_item ? &*plan.new_item : nullptr;
  for (const IndexInfo& index : plan.table.indexes) {
    if (index.status == IndexStatus::kDeleting) continue;  // no longer maintained (item_writer.cc)
    if (std::optional<double> units = IndexWriteUnits(plan.table, index, old_item, new_item))
      c.AddIndex(index.name, index.global, *units);
  }
  return c;
}

bool WantsCapacity(std::string_view mode) { return mode == "TOTAL" || mode == "INDEXES"; }

void WriteConsumedCapacity(JsonWriter& w, std::string_view mode, const Consumption& c) {
  if (!WantsCapacity(mode)) return;
  WriteKey(w, "ConsumedCapacity");
  WriteConsumptionObject(w, mode, c);
}

void WriteConsumedCapacityList(JsonWriter& w, std::string_view mode, const TableConsumption& per_table) {
  WriteKey(w, "ConsumedCapacity");
  w.StartArray();
  for (const Consumption& c : per_table) WriteConsumptionObject(w, mode, c);
  w.EndArray();
}

}  // namespace dodb
