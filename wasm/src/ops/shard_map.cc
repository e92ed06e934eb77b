// "@ShardMap" (internal; no X-Amz-Target can name it): what the shard router needs to know of a
// table, from the database's own object (the directory, docs/SCALING.md). Request
// {"TableName": t}; response {"TableId", "Shards", "HashKey", "LocalIndexes": [...]}, Shards from
// the table's tag "do-dynamodb:shards" (1 when absent), or ResourceNotFoundException. A table
// whose GSIs are partitioned by their own key (storage/index_outbox.h) adds "IndexShards" (each
// GSI's index shard count) and "GlobalIndexes": [{"Name", "HashKeys": [...], "Creating": true
// while a GSI created online is backfilling}].
#include <string>

#include "request/operation.h"

namespace dodb::ops {

Status ShardMap(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* name = Member(request, "TableName");
  if (!name || !name->IsString()) return Status::Validation("@ShardMap needs TableName");
  TableInfo table;
  if (!ctx.catalog.Load(StringOf(*name), &table)) return Status::ResourceNotFound("Requested resource not found");
  int64_t shards = table.ShardCount();
  WriteKey(out, "TableId");
  WriteString(out, table.table_id);
  WriteKey(out, "Shards");
  out.Int64(shards);
  WriteKey(out, "HashKey");
  WriteString(out, table.hash_key.name);
  WriteKey(out, "LocalIndexes");
  out.StartArray();
  for (const IndexInfo& i : table.indexes)
    if (!i.global) WriteString(out, i.name);
  out.EndArray();
  if (table.index_shards > 0) {
    WriteKey(out, "IndexShards");
    out.Int64(table.index_shards);
    WriteKey(out, "GlobalIndexes");
    out.StartArray();
    for (const IndexInfo& i : table.indexes) {
      if (!i.global || i.status == IndexStatus::kDeleting) continue;
      out.StartObject();
      WriteKey(out, "Name");
      WriteString(out, i.name);
      WriteKey(out, "HashKeys");
      out.StartArray();
      for (const KeyAttribute& k : i.hash_keys) WriteString(out, k.name);
      out.EndArray();
      if (i.status == IndexStatus::kCreating) {
        WriteKey(out, "Creating");
        out.Bool(true);
      }
      out.EndObject();
    }
    out.EndArray();
  }
  return Status::OK();
}

}  // namespace dodb::ops
