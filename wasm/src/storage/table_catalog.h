// table_catalog.h: table definitions (format/table_info.h), kept in the catalog key space
// (format/keyspace.h) as JSON text, and cached decoded.
#ifndef DODB_STORAGE_TABLE_CATALOG_H_
#define DODB_STORAGE_TABLE_CATALOG_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "format/table_info.h"
#include "storage/store.h"

namespace dodb {

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
  // The stored form of a definition (a split hands it to the object that takes half a range).
  static std::string Encode(const TableInfo& table);
  static bool Decode(std::string_view json, TableInfo* table);

 private:
  Store& store_;
  std::map<std::string, TableInfo, std::less<>> cache_;
};

}  // namespace dodb

#endif  // DODB_STORAGE_TABLE_CATALOG_H_
