#include "capacity.h"

namespace dodb {

double WriteUnits(size_t item_bytes) {
  size_t units = (item_bytes + 1023) / 1024;
  return static_cast<double>(units ? units : 1);
}

double ReadUnits(size_t item_bytes, bool consistent) {
  size_t units = (item_bytes + 4095) / 4096;
  double u = static_cast<double>(units ? units : 1);
  return consistent ? u : u / 2;
}

void WriteConsumedCapacity(JsonWriter& w, std::string_view mode, std::string_view table, double units,
                           std::string_view index, bool global_index) {
  if (mode != "TOTAL" && mode != "INDEXES") return;
  WriteKey(w, "ConsumedCapacity");
  w.StartObject();
  WriteKey(w, "TableName");
  WriteString(w, table);
  WriteKey(w, "CapacityUnits");
  w.Double(units);
  if (mode == "INDEXES") {
    WriteKey(w, "Table");
    w.StartObject();
    WriteKey(w, "CapacityUnits");
    w.Double(index.empty() ? units : 0);
    w.EndObject();
    if (!index.empty()) {
      WriteKey(w, global_index ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
      w.StartObject();
      WriteKey(w, index);
      w.StartObject();
      WriteKey(w, "CapacityUnits");
      w.Double(units);
      w.EndObject();
      w.EndObject();
    }
  }
  w.EndObject();
}

}  // namespace dodb
