// table_catalog.h: table definitions, kept in the catalog key space (keyspace.h) as JSON text,
// and the TableDescription DynamoDB returns for them.
#ifndef DODB_TABLE_CATALOG_H_
#define DODB_TABLE_CATALOG_H_

#include <cstdint>
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
};

// Reads a table definition; false if no such table.
bool LoadTable(Store& store, std::string_view name, TableInfo* table);
void SaveTable(Store& store, const TableInfo& table);
void DropTable(Store& store, const TableInfo& table);  // the definition and every item
// Table names in byte order, strictly after `after`, at most limit of them.
std::vector<std::string> ListTableNames(Store& store, std::string_view after, int limit);
// A fresh internal table id (never reused).
uint32_t AllocateTableId(Store& store);

// Writes DynamoDB's TableDescription object for table, with the given TableStatus.
void WriteTableDescription(JsonWriter& w, const TableInfo& table, std::string_view status);

}  // namespace dodb

#endif  // DODB_TABLE_CATALOG_H_
