// "@ShardMap" (internal; no X-Amz-Target can name it): what the shard router needs to know of a
// table, from the database's own object (the directory, docs/SCALING.md). Request
// {"TableName": t}; response {"TableId", "Shards", "HashKey", "LocalIndexes": [...]}, Shards from
// the table's tag "do-dynamodb:shards" (1 when absent: the count it was created with), "Ranges"
// (its map: [{"Lo", "Hi", "Object"}], object names relative to the database, format/shard_split.h)
// and "Version" (grows with every split); or ResourceNotFoundException.
//
// "@ShardMapSplit" {TableName, TableId, Lo, Mid, Hi, Parent, Child}: publishes a split: the range
// [Lo, Hi) of object Parent becomes [Lo, Mid) of Parent and [Mid, Hi) of Child, appended to the
// list (ranges are listed in the order they were made, not in bucket order; idempotent).
// A table whose GSIs are partitioned by their own key (storage/index_outbox.h) adds to @ShardMap
// "IndexShards" (each GSI's index shard count) and "GlobalIndexes": [{"Name", "HashKeys": [...],
// "Creating": true while a GSI created online is backfilling}].
#include <string>

#include "request/operation.h"
#include "request/request_fields.h"

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
  WriteKey(out, "Ranges");
  WriteShardRanges(out, table.ShardRanges());
  WriteKey(out, "Version");
  out.Int64(table.map_version);
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

Status ShardMapSplit(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  auto text = [&](const char* name) { return std::string(StringOr(request, name, "")); };
  auto bucket = [&](const char* name) { return UintOr(request, name, 0); };
  TableInfo table;
  if (!ctx.catalog.Load(text("TableName"), &table) || table.table_id != text("TableId"))
    return Status::ResourceNotFound("Requested resource not found");
  const BucketRange low{bucket("Lo"), bucket("Mid")}, high{bucket("Mid"), bucket("Hi")};
  const std::string parent = text("Parent"), child = text("Child");
  std::vector<ShardRange> ranges = table.ShardRanges();
  for (const ShardRange& r : ranges)
    if (r.buckets == high && r.object == child) return Status::OK();  // published already
  // The child goes last: a range keeps its place in the list (stream shards are numbered by it).
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (ranges[i].buckets == BucketRange{low.lo, high.hi} && ranges[i].object == parent && !high.Empty()) {
      if (low.Empty()) {
        ranges[i].object = child;  // a move: the child takes the range's place
      } else {
        ranges[i].buckets = low;
        ranges.push_back(ShardRange{high, child});
      }
      table.ranges = std::move(ranges);
      table.map_version += 1;
      ctx.catalog.Save(table);
      return Status::OK();
    }
  }
  return Status::Validation("@ShardMapSplit: the map has no such range");
}

}  // namespace dodb::ops
