// The internal operations of GSIs partitioned by their own key (storage/index_outbox.h,
// docs/SCALING.md); no X-Amz-Target can name them.
// - "@OutboxRead" {"Limit": n}: a table shard's outbox records, oldest first:
//   {"Records": [{"At": "<place, hex>", "Record": {...}}], "More": bool}. Records of a GSI deleted
//   since they were written (or of a deleted table) are removed instead: nothing must apply them.
// - "@OutboxAck" {"At": ["<place>", ...]}: removes delivered records.
// - "@IndexApply" {"TableName": t, "Records": [{"K", "V", "P"}]}: an index shard object applies
//   records in order, each only if its version is newer than the entry's (answers {"Applied": n}).
//   The records of one call are applied in one storage transaction.
// - "@IndexActive" {"TableName": t, "IndexName": i}: in the directory, a partitioned GSI created
//   online becomes ACTIVE (the router calls it once every shard has delivered its backfill).
#include <string>

#include "format/attribute_value.h"
#include "format/keyspace.h"
#include "request/operation.h"
#include "storage/index_outbox.h"
#include "storage/item_key.h"

namespace dodb::ops {
namespace {

constexpr int kMaxOutboxRead = 1000;

std::string Hex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back("0123456789abcdef"[c >> 4]);
    out.push_back("0123456789abcdef"[c & 15]);
  }
  return out;
}

bool Unhex(std::string_view hex, std::string* out) {
  auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
  if (hex.size() % 2) return false;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

}  // namespace

Status OutboxRead(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  int limit = 100;
  if (const JsonValue* l = Member(request, "Limit"); l && l->IsInt() && l->GetInt() > 0)
    limit = std::min(l->GetInt(), kMaxOutboxRead);
  std::vector<KeyValue> records = ReadOutbox(ctx.store, limit + 1);
  WriteKey(out, "Records");
  out.StartArray();
  std::string loaded_name;
  TableInfo table;
  bool loaded = false;
  for (size_t i = 0; i < records.size() && static_cast<int>(i) < limit; ++i) {
    JsonDocument d;
    d.Parse(records[i].value.data(), records[i].value.size());
    const JsonValue* t = d.IsObject() ? Member(d, "T") : nullptr;
    const JsonValue* n = d.IsObject() ? Member(d, "I") : nullptr;
    const JsonValue* x = d.IsObject() ? Member(d, "X") : nullptr;
    if (t && t->IsString() && (!loaded || loaded_name != StringOf(*t))) {
      loaded_name.assign(StringOf(*t));
      loaded = ctx.catalog.Load(loaded_name, &table);
    }
    if (!t || !t->IsString() || !n || !n->IsString() || !x || !x->IsUint() ||
        !OutboxRecordCurrent(loaded ? &table : nullptr, StringOf(*n), x->GetUint())) {
      ctx.store.Delete(records[i].key);
      continue;
    }
    out.StartObject();
    WriteKey(out, "At");
    WriteString(out, Hex(records[i].key));
    WriteKey(out, "Record");
    out.RawValue(records[i].value.data(), records[i].value.size(), rapidjson::kObjectType);
    out.EndObject();
  }
  out.EndArray();
  WriteKey(out, "More");
  out.Bool(static_cast<int>(records.size()) > limit);
  return Status::OK();
}

Status OutboxAck(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* at = Member(request, "At");
  if (!at || !at->IsArray()) return Status::Validation("@OutboxAck needs At");
  for (const JsonValue& place : at->GetArray()) {
    std::string key;
    if (place.IsString() && Unhex(StringOf(place), &key) && !key.empty() && key[0] == kIndexOutboxPrefix)
      ctx.store.Delete(key);
  }
  (void)out;
  return Status::OK();
}

Status IndexApply(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* name = Member(request, "TableName");
  const JsonValue* records = Member(request, "Records");
  if (!name || !name->IsString() || !records || !records->IsArray())
    return Status::Validation("@IndexApply needs TableName and Records");
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(*name), &table));
  int applied = 0;
  for (const JsonValue& r : records->GetArray()) {
    const JsonValue* k = Member(r, "K");
    const JsonValue* v = Member(r, "V");
    const JsonValue* p = Member(r, "P");
    AttributeMap key, projected;
    if (!k || !v || !v->IsUint64() || !DecodeAttributeMap(*k, 1, &key).ok() || !CheckRequestKey(table, key).ok() ||
        (p && !DecodeAttributeMap(*p, 1, &projected).ok()))
      return Status::Validation("@IndexApply: a record is malformed");
    if (ApplyIndexRecord(ctx.store, table, key, v->GetUint64(), p ? &projected : nullptr)) ++applied;
  }
  WriteKey(out, "Applied");
  out.Int64(applied);
  return Status::OK();
}

Status IndexActive(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* name = Member(request, "TableName");
  const JsonValue* index_name = Member(request, "IndexName");
  if (!name || !name->IsString() || !index_name || !index_name->IsString())
    return Status::Validation("@IndexActive needs TableName and IndexName");
  TableInfo table;
  if (!ctx.catalog.Load(StringOf(*name), &table)) return Status::ResourceNotFound("Requested resource not found");
  for (IndexInfo& index : table.indexes)
    if (index.name == StringOf(*index_name) && index.status == IndexStatus::kCreating && IsHeldByRouter(table, index)) {
      index.status = IndexStatus::kActive;
      index.backfill_cursor.clear();
      ctx.catalog.Save(table);
    }
  (void)out;
  return Status::OK();
}

}  // namespace dodb::ops
