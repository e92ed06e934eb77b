// capacity.h: ConsumedCapacity as DynamoDB reports it for ReturnConsumedCapacity TOTAL/INDEXES.
// Writes: one unit per started KB of the larger of the old and new item (at least 1).
// Reads: one unit per started 4 KB (at least 1), halved for eventually consistent reads.
// Index arms of a write are charged on the change to the projected index entry (IndexWriteUnits);
// transactions double the table arm only (captures against DynamoDB, see capacity.cc).
#ifndef DODB_CAPACITY_H_
#define DODB_CAPACITY_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format/attribute_value.h"
#include "util/json.h"
#include "format/table_info.h"

namespace dodb {

struct WritePlan;

double WriteUnits(size_t item_bytes);
double ReadUnits(size_t item_bytes, bool consistent);

// Units one request consumed on one table: the table's own share and each index's, by name.
struct Consumption {
  std::string table;
  double table_units = 0;
  std::vector<std::pair<std::string, double>> global_indexes;  // first-seen order
  std::vector<std::pair<std::string, double>> local_indexes;

  double Total() const;
  void AddIndex(const std::string& index, bool global, double units);
  void Add(const Consumption& other);  // other.table == table
};

// Per table, in first-seen order (batches and transactions).
using TableConsumption = std::vector<Consumption>;
void AddConsumption(TableConsumption* per_table, const Consumption& c);

// A read of units on table, or on index when given.
Consumption ReadConsumption(const std::string& table, double units, const IndexInfo* index = nullptr);

// The units a write to index costs: nullopt when the index's stored view does not change.
// old_item / new_item are null when the item did not exist / is deleted.
std::optional<double> IndexWriteUnits(const TableInfo& table, const IndexInfo& index, const AttributeMap* old_item,
                                      const AttributeMap* new_item);

// A prepared write (or ConditionCheck): the table arm times table_factor (2 in transactions)
// plus the index arms.
Consumption WriteConsumption(const WritePlan& plan, double table_factor);

// True for TOTAL and INDEXES.
bool WantsCapacity(std::string_view mode);
// Writes the "ConsumedCapacity" member (one object) if WantsCapacity(mode).
void WriteConsumedCapacity(JsonWriter& w, std::string_view mode, const Consumption& c);
// Writes "ConsumedCapacity" as a list, one object per table (batches and transactions).
void WriteConsumedCapacityList(JsonWriter& w, std::string_view mode, const TableConsumption& per_table);

}  // namespace dodb

#endif  // DODB_CAPACITY_H_
