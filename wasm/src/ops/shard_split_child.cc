// The child's side of a split (internal ops; docs/SCALING.md "Splits"):
//   "@SplitAdopt"  {Table: the parent's stored definition (Catalog::Encode), Lo, Hi, Self}: this
//                  object holds buckets [Lo, Hi) of the table from now on; again, later: takes the
//                  indexes and Time to Live the parent's definition has gained or lost -> {"Changed"}
//   "@SplitImport" {TableName, Items: [...], Deleted: [keys]}: the parent's items, copied as they
//                  are (index entries written, no stream record: the items did not change)
#include <string>

#include "request/operation.h"
#include "storage/shard_split.h"
#include "storage/stream_log.h"

namespace dodb::ops {

Status SplitAdopt(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* text = Member(request, "Table");
  const JsonValue* lo = Member(request, "Lo");
  const JsonValue* hi = Member(request, "Hi");
  TableInfo given;
  if (!text || !text->IsString() || !Catalog::Decode(StringOf(*text), &given) || !lo || !lo->IsUint() || !hi ||
      !hi->IsUint() || lo->GetUint() >= hi->GetUint() || hi->GetUint() > kBuckets)
    return Status::Validation("@SplitAdopt needs Table, Lo and Hi");
  TableInfo table;
  if (ctx.catalog.Load(given.name, &table)) {
    if (table.table_id != given.table_id) return Status::ResourceInUse("@SplitAdopt: another table of that name is here");
    // Adopted before: the parent's definition may have changed since (UpdateTable during the
    // copy). Indexes it gained are created here (the maintenance steps backfill them), indexes it
    // lost are deleted; Time to Live follows.
    bool changed = false;
    for (const IndexInfo& wanted : given.indexes)
      if (!table.FindIndex(wanted.name) && wanted.status != IndexStatus::kDeleting) {
        IndexInfo index = wanted;
        index.id = ctx.catalog.AllocateId();
        index.status = wanted.global ? IndexStatus::kCreating : IndexStatus::kActive;
        index.backfill_cursor.clear();
        index.item_count = index.size_bytes = 0;
        table.indexes.push_back(std::move(index));
        changed = true;
      }
    for (IndexInfo& index : table.indexes) {
      const IndexInfo* wanted = given.FindIndex(index.name);
      if ((!wanted || wanted->status == IndexStatus::kDeleting) && index.status != IndexStatus::kDeleting) {
        index.status = IndexStatus::kDeleting;
        index.backfill_cursor.clear();
        changed = true;
      }
    }
    if (table.attribute_definitions.size() != given.attribute_definitions.size()) {
      table.attribute_definitions = given.attribute_definitions;
      changed = true;
    }
    if (table.ttl_enabled != given.ttl_enabled || table.ttl_attribute != given.ttl_attribute) {
      table.ttl_enabled = given.ttl_enabled;
      table.ttl_attribute = given.ttl_attribute;
      changed = true;
    }
    if (changed) ctx.catalog.Save(table);
    WriteKey(out, "Changed");
    out.Bool(changed);
    return Status::OK();
  }
  table = given;
  // Its own ids and bookkeeping; the definition, settings and tags as the parent's.
  table.id = ctx.catalog.AllocateId();
  for (IndexInfo& index : table.indexes) {
    index.id = ctx.catalog.AllocateId();
    index.backfill_cursor.clear();
    index.item_count = index.size_bytes = 0;
  }
  table.item_count = table.size_bytes = table.stats_count = table.stats_size = 0;
  table.stats_time_ms = 0;
  table.stats_cursor.clear();
  table.ttl_cursor.clear();
  table.ranges.clear();
  table.map_version = 0;
  table.split = SplitState{};
  table.split.owned = {BucketRange{lo->GetUint(), hi->GetUint()}};
  if (const JsonValue* self = Member(request, "Self"); self && self->IsString()) table.split.self = StringOf(*self);
  const bool stream = table.stream_enabled;
  const std::string view_type = table.stream_view_type;
  table.stream_enabled = false;
  table.stream_id = 0;
  if (stream) EnableStream(ctx.store, ctx.catalog, &table, view_type);
  ctx.catalog.Save(table);
  return Status::OK();
}

Status SplitImport(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* name = Member(request, "TableName");
  const JsonValue* items = Member(request, "Items");
  if (!name || !name->IsString() || !items) return Status::Validation("@SplitImport needs TableName and Items");
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(*name), &table, NotFoundWording::kTableOperation));
  return ImportItems(ctx.store, table, *items, Member(request, "Deleted"));
}

}  // namespace dodb::ops
