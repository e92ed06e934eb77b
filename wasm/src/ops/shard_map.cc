// "@ShardMap" (internal; no X-Amz-Target can name it): what the shard router needs to know of a
// table, from the database's own object (the directory, docs/SCALING.md). Request
// {"TableName": t}; response {"TableId", "Shards", "HashKey", "LocalIndexes": [...]}, Shards from
// the table's tag "do-dynamodb:shards" (1 when absent), or ResourceNotFoundException.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "request/operation.h"

namespace dodb::ops {

Status ShardMap(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* name = Member(request, "TableName");
  if (!name || !name->IsString()) return Status::Validation("@ShardMap needs TableName");
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(*name), &table));
  int64_t shards = 1;
  for (const auto& [key, value] : table.tags)
    if (key == kShardsTag) shards = std::max<int64_t>(1, std::strtoll(value.c_str(), nullptr, 10));
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
  return Status::OK();
}

}  // namespace dodb::ops
