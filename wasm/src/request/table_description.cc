#include "request/table_description.h"

#include <cmath>

#include "util/cold.h"

namespace dodb {
namespace {

DODB_COLD void WriteKeySchemaElement(JsonWriter& w, const std::string& name, const char* type) {
  w.StartObject();
  WriteKey(w, "AttributeName");
  WriteString(w, name);
  WriteKey(w, "KeyType");
  w.String(type);
  w.EndObject();
}

// "ProvisionedThroughput" of the table or one of its GSIs (zeros on an on-demand table).
DODB_COLD void WriteProvisionedThroughput(JsonWriter& w, const TableInfo& t, int64_t read, int64_t write) {
  WriteKey(w, "ProvisionedThroughput");
  w.StartObject();
  WriteKey(w, "NumberOfDecreasesToday"); w.Int(0);
  WriteKey(w, "ReadCapacityUnits"); w.Int64(t.pay_per_request ? 0 : read);
  WriteKey(w, "WriteCapacityUnits"); w.Int64(t.pay_per_request ? 0 : write);
  w.EndObject();
}

DODB_COLD void WriteIndexDescription(JsonWriter& w, const TableInfo& t, const IndexInfo& i) {
  w.StartObject();
  WriteKey(w, "IndexName"); WriteString(w, i.name);
  WriteKey(w, "KeySchema");
  w.StartArray();
  for (const KeyAttribute& k : i.hash_keys) WriteKeySchemaElement(w, k.name, "HASH");
  for (const KeyAttribute& k : i.range_keys) WriteKeySchemaElement(w, k.name, "RANGE");
  w.EndArray();
  WriteKey(w, "Projection");
  w.StartObject();
  WriteKey(w, "ProjectionType"); WriteString(w, ProjectionTypeName(i.projection_type));
  if (i.projection_type == ProjectionType::kInclude) {
    WriteKey(w, "NonKeyAttributes");
    w.StartArray();
    for (const std::string& a : i.non_key_attributes) WriteString(w, a);
    w.EndArray();
  }
  w.EndObject();
  if (i.global) {
    WriteKey(w, "IndexStatus"); WriteString(w, IndexStatusName(i.status));
    if (i.status == IndexStatus::kCreating) { WriteKey(w, "Backfilling"); w.Bool(true); }
    WriteProvisionedThroughput(w, t, i.read_capacity, i.write_capacity);
  }
  WriteKey(w, "IndexSizeBytes"); w.Int64(i.size_bytes);
  WriteKey(w, "ItemCount"); w.Int64(i.item_count);
  WriteKey(w, "IndexArn"); WriteString(w, TableArn(t.name) + "/index/" + i.name);
  w.EndObject();
}

}  // namespace

DODB_COLD void WriteTableDescription(JsonWriter& w, const TableInfo& t, std::string_view status) {
  w.StartObject();
  WriteKey(w, "AttributeDefinitions");
  w.StartArray();
  for (const KeyAttribute& a : t.attribute_definitions) WriteAttributeDefinition(w, a);
  w.EndArray();
  WriteKey(w, "TableName"); WriteString(w, t.name);
  WriteKey(w, "KeySchema");
  w.StartArray();
  WriteKeySchemaElement(w, t.hash_key.name, "HASH");
  if (t.range_key) WriteKeySchemaElement(w, t.range_key->name, "RANGE");
  w.EndArray();
  WriteKey(w, "TableStatus"); WriteString(w, status);
  WriteKey(w, "CreationDateTime"); w.Double(std::floor(t.creation_time * 1000) / 1000);
  WriteProvisionedThroughput(w, t, t.read_capacity, t.write_capacity);
  WriteKey(w, "TableSizeBytes"); w.Int64(t.size_bytes);
  WriteKey(w, "ItemCount"); w.Int64(t.item_count);
  WriteKey(w, "TableArn"); WriteString(w, TableArn(t.name));
  WriteKey(w, "TableId"); WriteString(w, t.table_id);
  if (t.pay_per_request) {
    WriteKey(w, "BillingModeSummary");
    w.StartObject();
    WriteKey(w, "BillingMode"); w.String("PAY_PER_REQUEST");
    WriteKey(w, "LastUpdateToPayPerRequestDateTime"); w.Double(std::floor(t.creation_time * 1000) / 1000);
    w.EndObject();
    WriteKey(w, "TableThroughputModeSummary");
    w.StartObject();
    WriteKey(w, "TableThroughputMode"); w.String("PAY_PER_REQUEST");
    w.EndObject();
  }
  if (!t.table_class.empty()) {
    WriteKey(w, "TableClassSummary");
    w.StartObject();
    WriteKey(w, "TableClass"); WriteString(w, t.table_class);
    w.EndObject();
  }
  if (t.stream_enabled) {
    WriteKey(w, "StreamSpecification");
    w.StartObject();
    WriteKey(w, "StreamEnabled"); w.Bool(true);
    WriteKey(w, "StreamViewType"); WriteString(w, t.stream_view_type);
    w.EndObject();
  }
  if (t.stream_id != 0) {
    WriteKey(w, "LatestStreamLabel"); WriteString(w, t.stream_label);
    WriteKey(w, "LatestStreamArn"); WriteString(w, TableArn(t.name) + "/stream/" + t.stream_label);
  }
  WriteKey(w, "DeletionProtectionEnabled"); w.Bool(t.deletion_protection);
  if (status != "DELETING") {
    for (bool global : {false, true}) {
      bool any = false;
      for (const IndexInfo& i : t.indexes) any = any || i.global == global;
      if (!any) continue;
      WriteKey(w, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
      w.StartArray();
      for (const IndexInfo& i : t.indexes)
        if (i.global == global) WriteIndexDescription(w, t, i);
      w.EndArray();
    }
  }
  w.EndObject();
}

}  // namespace dodb
