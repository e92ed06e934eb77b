// table_catalog.h: table definitions, kept in the catalog key space (keyspace.h) as JSON text,
// and the TableDescription DynamoDB returns for them.
#ifndef DODB_TABLE_CATALOG_H_
#define DODB_TABLE_CATALOG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "attribute_value.h"
#include "json.h"
#include "status.h"
#include "store.h"

namespace dodb {

struct KeyAttribute {
  std::string name;
  ValueType type = ValueType::S;  // S, N or B
};

// A secondary index. A GSI key may have up to 4 HASH and up to 4 RANGE attributes
// (multi-attribute keys); an LSI has the table's hash key and one RANGE attribute.
struct IndexInfo {
  std::string name;
  bool global = true;
  uint32_t id = 0;  // internal: prefix of this index's entries (keyspace.h)
  std::vector<KeyAttribute> hash_keys;
  std::vector<KeyAttribute> range_keys;
  std::string projection_type = "ALL";  // ALL, KEYS_ONLY, INCLUDE
  std::vector<std::string> non_key_attributes;
  std::string status = "ACTIVE";  // CREATING (backfilling), ACTIVE, DELETING
  std::string backfill_cursor;     // CREATING: the next item key to index
  int64_t item_count = 0;          // as of the last statistics refresh (maintenance.h)
  int64_t size_bytes = 0;
  int64_t read_capacity = 0;
  int64_t write_capacity = 0;
};

struct TableInfo {
  std::string name;
  uint32_t id = 0;        // internal: prefix of this table's items
  std::string table_id;   // the TableId DynamoDB shows (a UUID)
  KeyAttribute hash_key;
  std::optional<KeyAttribute> range_key;
  std::vector<KeyAttribute> attribute_definitions;
  double creation_time = 0;  // epoch seconds
  bool pay_per_request = false;
  int64_t read_capacity = 0;
  int64_t write_capacity = 0;
  bool deletion_protection = false;
  std::string table_class;  // empty unless given (STANDARD, STANDARD_INFREQUENT_ACCESS)
  std::vector<IndexInfo> indexes;
  // Statistics DynamoDB refreshes about every six hours; so do we (maintenance.h).
  int64_t item_count = 0;
  int64_t size_bytes = 0;
  double stats_time_ms = 0;     // when the last refresh finished (0: never)
  std::string stats_cursor;     // a refresh in progress: the next key to count ("" = not running)
  // Time to Live: items whose ttl_attribute (epoch seconds) has passed are deleted by sweeps.
  std::string ttl_attribute;    // empty: TTL was never enabled
  bool ttl_enabled = false;
  std::string ttl_cursor;       // the sweep in progress: the next item key ("" = between sweeps)
  double ttl_next_sweep_ms = 0;
  // Point-in-time recovery (ops/continuous_backups.cc): on since pitr_since (epoch seconds).
  bool pitr_enabled = false;
  double pitr_since = 0;
  int64_t pitr_days = 0;
  std::vector<std::pair<std::string, std::string>> tags;  // key -> value, in insertion order
  // DynamoDB Streams (stream_log.h): the latest stream, kept after it is disabled (LatestStreamArn).
  bool stream_enabled = false;
  std::string stream_view_type;  // of the enabled stream
  uint32_t stream_id = 0;        // 0: the table never had a stream
  std::string stream_label;
  int64_t stats_count = 0, stats_size = 0;  // its running totals

  // The index with this name, or nullptr.
  const IndexInfo* FindIndex(std::string_view index_name) const;
  // The attribute's declared type, if it is in AttributeDefinitions.
  const KeyAttribute* FindDefinition(std::string_view attribute) const;
};

// The catalog of tables over a store, with an in-memory cache of decoded definitions.
// The cache is only valid while every catalog write goes through this object and every failed
// request discards the engine (the JS host re-instantiates the module after any exception).
class Catalog {
 public:
  explicit Catalog(Store& store) : store_(store) {}
  // Reads a table definition; false if no such table.
  bool Load(std::string_view name, TableInfo* table);
  void Save(const TableInfo& table);
  void Drop(const TableInfo& table);  // the definition, every item and every index entry
  // Table names in byte order, strictly after `after`, at most limit of them.
  std::vector<std::string> ListNames(std::string_view after, int limit);
  // A fresh internal id for a table or index (never reused).
  uint32_t AllocateId();

 private:
  Store& store_;
  std::map<std::string, TableInfo, std::less<>> cache_;
};

// The table's ARN (DynamoDB Local's region and account).
std::string TableArn(std::string_view table);

// Writes DynamoDB's TableDescription object for table, with the given TableStatus.
void WriteTableDescription(JsonWriter& w, const TableInfo& table, std::string_view status);

}  // namespace dodb

#endif  // DODB_TABLE_CATALOG_H_
