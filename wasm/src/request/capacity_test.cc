// Unit tests for capacity.h: unit rounding and the index-arm rules (see capacity.cc's sources).
#include "request/capacity.h"

#include <gtest/gtest.h>

namespace dodb {
namespace {

AttributeValue Str(std::string s) { return AttributeValue::Scalar(ValueType::S, std::move(s)); }

TableInfo IndexedTable() {
  TableInfo t;
  t.name = "t";
  t.hash_key = {"pk", ValueType::S};
  IndexInfo g;
  g.name = "byG";
  g.id = 7;
  g.hash_keys = {{"g", ValueType::S}};
  g.projection_type = ProjectionType::kKeysOnly;
  t.indexes.push_back(g);
  return t;
}

TEST(Capacity, UnitsRoundUpPerStartedBlock) {
  EXPECT_EQ(WriteUnits(0), 1);
  EXPECT_EQ(WriteUnits(1024), 1);
  EXPECT_EQ(WriteUnits(1025), 2);
  EXPECT_EQ(ReadUnits(4096, true), 1);
  EXPECT_EQ(ReadUnits(4097, false), 1);  // two units, halved
}

TEST(Capacity, IndexArmFollowsTheProjectedEntry) {
  TableInfo t = IndexedTable();
  const IndexInfo& g = t.indexes[0];
  AttributeMap none = {{"pk", Str("a")}};
  AttributeMap in1 = {{"g", Str("1")}, {"pk", Str("a")}};
  AttributeMap in1_big = {{"big", Str(std::string(3000, 'x'))}, {"g", Str("1")}, {"pk", Str("a")}};
  AttributeMap in2 = {{"g", Str("2")}, {"pk", Str("a")}};
  EXPECT_FALSE(IndexWriteUnits(t, g, &none, &none));
  EXPECT_EQ(IndexWriteUnits(t, g, nullptr, &in1), 1);
  EXPECT_EQ(IndexWriteUnits(t, g, &in1, nullptr), 1);
  EXPECT_EQ(IndexWriteUnits(t, g, &in1, &in2), 2);
  EXPECT_FALSE(IndexWriteUnits(t, g, &in1, &in1_big));  // KEYS_ONLY: "big" is not stored
}

TEST(Capacity, ConsumptionSumsPerTableAndIndex) {
  TableConsumption per_table;
  Consumption a;
  a.table = "t";
  a.table_units = 2;
  a.AddIndex("byG", true, 1);
  AddConsumption(&per_table, a);
  AddConsumption(&per_table, a);
  ASSERT_EQ(per_table.size(), 1u);
  EXPECT_EQ(per_table[0].table_units, 4);
  EXPECT_EQ(per_table[0].Total(), 6);
}

}  // namespace
}  // namespace dodb
