#include "storage/table_catalog.h"

#include "util/base64.h"
#include "util/cold.h"
#include "format/keyspace.h"

namespace dodb {
namespace {

constexpr int kDropBatch = 512;

DODB_COLD ValueType ScalarType(std::string_view name) {
  return name == "N" ? ValueType::N : name == "B" ? ValueType::B : ValueType::S;
}

DODB_COLD std::string StringMember(const JsonValue& obj, const char* name) {
  const JsonValue* v = Member(obj, name);
  return v && v->IsString() ? std::string(StringOf(*v)) : std::string();
}

DODB_COLD KeyAttribute ReadKeyAttribute(const JsonValue& v) {
  return KeyAttribute{StringMember(v, "AttributeName"), ScalarType(StringMember(v, "AttributeType"))};
}

// The stored form: our own JSON, a superset of what DescribeTable shows.
DODB_COLD std::string EncodeTable(const TableInfo& t) {
  JsonWriter w;
  w.StartObject();
  WriteKey(w, "Name"); WriteString(w, t.name);
  WriteKey(w, "Id"); w.Uint(t.id);
  WriteKey(w, "TableId"); WriteString(w, t.table_id);
  WriteKey(w, "HashKey"); WriteAttributeDefinition(w, t.hash_key);
  if (t.range_key) { WriteKey(w, "RangeKey"); WriteAttributeDefinition(w, *t.range_key); }
  WriteKey(w, "AttributeDefinitions");
  w.StartArray();
  for (const KeyAttribute& a : t.attribute_definitions) WriteAttributeDefinition(w, a);
  w.EndArray();
  WriteKey(w, "CreationDateTime"); w.Double(t.creation_time);
  WriteKey(w, "PayPerRequest"); w.Bool(t.pay_per_request);
  WriteKey(w, "ReadCapacityUnits"); w.Int64(t.read_capacity);
  WriteKey(w, "WriteCapacityUnits"); w.Int64(t.write_capacity);
  WriteKey(w, "DeletionProtectionEnabled"); w.Bool(t.deletion_protection);
  WriteKey(w, "TableClass"); WriteString(w, t.table_class);
  WriteKey(w, "Indexes");
  w.StartArray();
  for (const IndexInfo& i : t.indexes) {
    w.StartObject();
    WriteKey(w, "Name"); WriteString(w, i.name);
    WriteKey(w, "Global"); w.Bool(i.global);
    WriteKey(w, "Id"); w.Uint(i.id);
    WriteKey(w, "HashKeys"); w.StartArray(); for (const KeyAttribute& k : i.hash_keys) WriteAttributeDefinition(w, k); w.EndArray();
    WriteKey(w, "RangeKeys"); w.StartArray(); for (const KeyAttribute& k : i.range_keys) WriteAttributeDefinition(w, k); w.EndArray();
    WriteKey(w, "ProjectionType"); WriteString(w, ProjectionTypeName(i.projection_type));
    WriteKey(w, "NonKeyAttributes"); w.StartArray(); for (const std::string& a : i.non_key_attributes) WriteString(w, a); w.EndArray();
    WriteKey(w, "Status"); WriteString(w, IndexStatusName(i.status));
    WriteKey(w, "BackfillCursor"); WriteString(w, Base64Encode(i.backfill_cursor));
    WriteKey(w, "ReadCapacityUnits"); w.Int64(i.read_capacity);
    WriteKey(w, "WriteCapacityUnits"); w.Int64(i.write_capacity);
    WriteKey(w, "ItemCount"); w.Int64(i.item_count);
    WriteKey(w, "SizeBytes"); w.Int64(i.size_bytes);
    w.EndObject();
  }
  w.EndArray();
  WriteKey(w, "ItemCount"); w.Int64(t.item_count);
  WriteKey(w, "SizeBytes"); w.Int64(t.size_bytes);
  WriteKey(w, "StatsTime"); w.Double(t.stats_time_ms);
  WriteKey(w, "StatsCursor"); WriteString(w, Base64Encode(t.stats_cursor));
  WriteKey(w, "StatsCount"); w.Int64(t.stats_count);
  WriteKey(w, "StatsSize"); w.Int64(t.stats_size);
  WriteKey(w, "TtlAttribute"); WriteString(w, t.ttl_attribute);
  WriteKey(w, "TtlEnabled"); w.Bool(t.ttl_enabled);
  WriteKey(w, "TtlCursor"); WriteString(w, Base64Encode(t.ttl_cursor));
  WriteKey(w, "TtlNextSweep"); w.Double(t.ttl_next_sweep_ms);
  WriteKey(w, "Pitr"); w.Bool(t.pitr_enabled);
  WriteKey(w, "PitrSince"); w.Double(t.pitr_since);
  WriteKey(w, "PitrDays"); w.Int64(t.pitr_days);
  if (t.index_shards > 0) { WriteKey(w, "IndexShards"); w.Int64(t.index_shards); }
  if (!t.index_objects.empty()) { WriteKey(w, "IndexObjects"); WriteString(w, t.index_objects); }
  if (!t.index_jurisdiction.empty()) { WriteKey(w, "IndexJurisdiction"); WriteString(w, t.index_jurisdiction); }
  WriteKey(w, "Tags");
  w.StartObject();
  for (const auto& [k, v] : t.tags) { WriteKey(w, k); WriteString(w, v); }
  w.EndObject();
  if (!t.ranges.empty()) {
    WriteKey(w, "Ranges"); WriteShardRanges(w, t.ranges);
    WriteKey(w, "MapVersion"); w.Int64(t.map_version);
  }
  if (!t.split.owned.empty() || t.split.phase != SplitPhase::kNone) {
    WriteKey(w, "Split"); WriteSplitState(w, t.split);
  }
  if (t.stream_id != 0) {
    WriteKey(w, "StreamEnabled"); w.Bool(t.stream_enabled);
    WriteKey(w, "StreamViewType"); WriteString(w, t.stream_view_type);
    WriteKey(w, "StreamId"); w.Uint(t.stream_id);
    WriteKey(w, "StreamLabel"); WriteString(w, t.stream_label);
  }
  w.EndObject();
  return w.Take();
}

DODB_COLD bool DecodeTable(std::string_view json, TableInfo* t) {
  JsonDocument d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsObject()) return false;
  t->name = StringMember(d, "Name");
  t->id = d["Id"].GetUint();
  t->table_id = StringMember(d, "TableId");
  t->hash_key = ReadKeyAttribute(d["HashKey"]);
  t->range_key.reset();
  if (const JsonValue* r = Member(d, "RangeKey")) t->range_key = ReadKeyAttribute(*r);
  t->attribute_definitions.clear();
  for (const JsonValue& a : d["AttributeDefinitions"].GetArray())
    t->attribute_definitions.push_back(ReadKeyAttribute(a));
  t->creation_time = d["CreationDateTime"].GetDouble();
  t->pay_per_request = d["PayPerRequest"].GetBool();
  t->read_capacity = d["ReadCapacityUnits"].GetInt64();
  t->write_capacity = d["WriteCapacityUnits"].GetInt64();
  t->deletion_protection = d["DeletionProtectionEnabled"].GetBool();
  t->table_class = StringMember(d, "TableClass");
  t->indexes.clear();
  if (const JsonValue* list = Member(d, "Indexes")) {
    for (const JsonValue& j : list->GetArray()) {
      IndexInfo i;
      i.name = StringMember(j, "Name");
      i.global = j["Global"].GetBool();
      i.id = j["Id"].GetUint();
      for (const JsonValue& k : j["HashKeys"].GetArray()) i.hash_keys.push_back(ReadKeyAttribute(k));
      for (const JsonValue& k : j["RangeKeys"].GetArray()) i.range_keys.push_back(ReadKeyAttribute(k));
      i.projection_type = ParseProjectionType(StringMember(j, "ProjectionType")).value_or(ProjectionType::kAll);
      for (const JsonValue& a : j["NonKeyAttributes"].GetArray()) i.non_key_attributes.emplace_back(StringOf(a));
      i.status = ParseIndexStatus(StringMember(j, "Status")).value_or(IndexStatus::kActive);
      Base64Decode(StringMember(j, "BackfillCursor"), &i.backfill_cursor);
      i.read_capacity = j["ReadCapacityUnits"].GetInt64();
      i.write_capacity = j["WriteCapacityUnits"].GetInt64();
      if (const JsonValue* v = Member(j, "ItemCount")) i.item_count = v->GetInt64();
      if (const JsonValue* v = Member(j, "SizeBytes")) i.size_bytes = v->GetInt64();
      t->indexes.push_back(std::move(i));
    }
  }
  if (const JsonValue* v = Member(d, "ItemCount")) t->item_count = v->GetInt64();
  if (const JsonValue* v = Member(d, "SizeBytes")) t->size_bytes = v->GetInt64();
  if (const JsonValue* v = Member(d, "StatsTime")) t->stats_time_ms = v->GetDouble();
  if (const JsonValue* v = Member(d, "StatsCursor")) Base64Decode(StringOf(*v), &t->stats_cursor);
  if (const JsonValue* v = Member(d, "StatsCount")) t->stats_count = v->GetInt64();
  if (const JsonValue* v = Member(d, "StatsSize")) t->stats_size = v->GetInt64();
  t->ttl_attribute = StringMember(d, "TtlAttribute");
  if (const JsonValue* v = Member(d, "TtlEnabled")) t->ttl_enabled = v->GetBool();
  if (const JsonValue* v = Member(d, "TtlCursor")) Base64Decode(StringOf(*v), &t->ttl_cursor);
  if (const JsonValue* v = Member(d, "TtlNextSweep")) t->ttl_next_sweep_ms = v->GetDouble();
  if (const JsonValue* v = Member(d, "Pitr")) t->pitr_enabled = v->GetBool();
  if (const JsonValue* v = Member(d, "PitrSince")) t->pitr_since = v->GetDouble();
  if (const JsonValue* v = Member(d, "PitrDays")) t->pitr_days = v->GetInt64();
  t->index_shards = 0;
  if (const JsonValue* v = Member(d, "IndexShards")) t->index_shards = v->GetInt64();
  t->index_objects = StringMember(d, "IndexObjects");
  t->index_jurisdiction = StringMember(d, "IndexJurisdiction");
  t->tags.clear();
  if (const JsonValue* tags = Member(d, "Tags"))
    for (const auto& m : tags->GetObject()) t->tags.emplace_back(std::string(StringOf(m.name)), std::string(StringOf(m.value)));
  t->ranges.clear();
  t->map_version = 0;
  if (const JsonValue* v = Member(d, "Ranges")) ReadShardRanges(*v, &t->ranges);
  if (const JsonValue* v = Member(d, "MapVersion")) t->map_version = v->GetInt64();
  t->split = SplitState{};
  if (const JsonValue* v = Member(d, "Split")) ReadSplitState(*v, &t->split);
  t->stream_enabled = false;
  t->stream_id = 0;
  t->stream_view_type.clear();
  t->stream_label.clear();
  if (const JsonValue* v = Member(d, "StreamId")) {
    t->stream_id = v->GetUint();
    t->stream_enabled = d["StreamEnabled"].GetBool();
    t->stream_view_type = StringMember(d, "StreamViewType");
    t->stream_label = StringMember(d, "StreamLabel");
  }
  return true;
}

}  // namespace

std::string Catalog::Encode(const TableInfo& table) { return EncodeTable(table); }
bool Catalog::Decode(std::string_view json, TableInfo* table) { return DecodeTable(json, table); }

bool Catalog::Load(std::string_view name, TableInfo* table) {
  auto it = cache_.find(name);
  if (it != cache_.end()) {
    *table = it->second;
    return true;
  }
  std::string json;
  if (!store_.Get(CatalogKey(name), &json) || !DecodeTable(json, table)) return false;
  cache_.emplace(std::string(name), *table);
  return true;
}

DODB_COLD void Catalog::Save(const TableInfo& table) {
  store_.Put(CatalogKey(table.name), EncodeTable(table));
  cache_.insert_or_assign(table.name, table);
}

namespace {
DODB_COLD void DeleteRange(Store& store, std::string start) {
  const std::string end = PrefixEnd(start);
  for (;;) {
    std::vector<KeyValue> batch = store.Scan(start, end, false, kDropBatch);
    for (const KeyValue& kv : batch) store.Delete(kv.key);
    if (static_cast<int>(batch.size()) < kDropBatch) break;
    start = batch.back().key + '\0';
  }
}

}  // namespace

DODB_COLD void Catalog::Drop(const TableInfo& table) {
  DeleteRange(store_, ItemPrefix(table.id));
  DeleteRange(store_, std::string(1, kSplitDirtyPrefix).append(ItemPrefix(table.id)));  // a split's dirty marks
  DeleteRange(store_, std::string(1, kItemVersionPrefix) + ItemPrefix(table.id));
  for (const IndexInfo& i : table.indexes) DeleteRange(store_, IndexPrefix(i.id));
  store_.Delete(CatalogKey(table.name));
  cache_.erase(table.name);
}

DODB_COLD std::vector<std::string> Catalog::ListNames(std::string_view after, int limit) {
  std::string start = CatalogKey(after);
  if (!after.empty()) start.push_back('\0');  // strictly after
  std::vector<std::string> names;
  for (const KeyValue& kv : store_.Scan(start, std::string(1, kCatalogPrefix + 1), false, limit))
    names.push_back(kv.key.substr(1));
  return names;
}

DODB_COLD uint32_t Catalog::AllocateId() {
  const std::string key = MetaKey("next_table_id");
  std::string text;
  uint32_t id = 1;
  if (store_.Get(key, &text)) {
    id = 0;
    for (char c : text) id = id * 10 + static_cast<uint32_t>(c - '0');
  }
  store_.Put(key, std::to_string(id + 1));
  return id;
}

}  // namespace dodb
