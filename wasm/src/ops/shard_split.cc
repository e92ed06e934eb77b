// The parent's side of a split (internal ops; docs/SCALING.md "Splits", format/shard_split.h):
// the object's split driver (js/do/shard-split.ts) calls them in order, each one storage
// transaction, so a split survives the object restarting between any two of them.
//   "@SplitStatus"  {TableName} -> {"TableId", "Split": state, "Definition": for "@SplitAdopt"},
//                   or {} without the table
//   "@SplitBegin"   {TableName, Self, Child, Lo, Mid, Hi}: hand buckets [Mid, Hi) of the range
//                   [Lo, Hi) this object holds to Child (Mid == Lo: all of it, a move); writes to
//                   them are noted dirty from now on
//   "@SplitExport"  {TableName, MaxBytes} -> {"Items", "Cursor", "Done"}: the next items to copy
//   "@SplitAdvance" {TableName, Cursor, Done}: the child has them (Done: on to the dirty items)
//   "@SplitDirty"   {TableName, Max} -> {"Dirty": [...]}; "@SplitClear" {TableName, Dirty} -> {"Left"}
//   "@SplitFence"   {TableName} -> {"Fenced"}: no transaction holds an item of the table: from now
//                   on the moving range is refused (the driver copies what is dirty and publishes)
//   "@SplitEnd"     {TableName}: the map is published; the moving range is the child's
//   "@SplitDrop"    {TableName, MaxRows} -> {"Done"}: deletes what was given away, in steps
#include <string>

#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/shard_split.h"
#include "util/base64.h"

namespace dodb::ops {
namespace {

uint32_t UintOf(const JsonValue& request, const char* name) { return UintOr(request, name, 0); }
std::string TextOf(const JsonValue& request, const char* name) { return std::string(StringOr(request, name, "")); }

Status LoadSplitting(OperationContext& ctx, const JsonValue& request, TableInfo* table, bool need_split = true) {
  DODB_RETURN_IF_ERROR(LoadTable(ctx, TextOf(request, "TableName"), table, NotFoundWording::kTableOperation));
  if (need_split && table->split.phase == SplitPhase::kNone) return Status::Validation("no split in progress");
  return Status::OK();
}

}  // namespace

Status SplitStatus(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  if (!ctx.catalog.Load(TextOf(request, "TableName"), &table)) return Status::OK();
  WriteKey(out, "TableId");
  WriteString(out, table.table_id);
  WriteKey(out, "Id");  // its items' key prefix: 0x02 and this, 4 bytes big-endian (keyspace.h)
  out.Uint(table.id);
  WriteKey(out, "Split");
  WriteSplitState(out, table.split);
  WriteKey(out, "Definition");
  WriteString(out, Catalog::Encode(table));
  return Status::OK();
}

Status SplitBegin(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadSplitting(ctx, request, &table, false));
  const BucketRange range{UintOf(request, "Lo"), UintOf(request, "Hi")};
  const BucketRange moving{UintOf(request, "Mid"), range.hi};
  const std::string child = TextOf(request, "Child");
  // Mid == Lo moves the whole range (a table leaving the database's own object: its first split).
  if (range.Empty() || range.hi > kBuckets || moving.lo < range.lo || moving.Empty() || child.empty())
    return Status::Validation("@SplitBegin: bad range");
  if (table.split.phase != SplitPhase::kNone)
    return table.split.moving == moving && table.split.child == child ? Status::OK()
                                                                      : Status::Validation("another split is in progress");
  if (!table.split.owned.empty() && !(table.split.owned.size() == 1 && table.split.owned[0] == range))
    return Status::Validation("@SplitBegin: this object does not hold that range");
  table.split.owned = {range};
  table.split.phase = SplitPhase::kCopy;
  table.split.moving = moving;
  table.split.child = child;
  table.split.self = TextOf(request, "Self");
  table.split.cursor.clear();
  ctx.catalog.Save(table);
  return Status::OK();
}

Status SplitExport(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadSplitting(ctx, request, &table));
  if (table.split.phase != SplitPhase::kCopy) return Status::Validation("@SplitExport: not copying");
  const uint32_t max_bytes = UintOf(request, "MaxBytes");
  ExportMovingItems(ctx.store, table, max_bytes ? max_bytes : 256 * 1024, 4096, out);
  return Status::OK();
}

Status SplitAdvance(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadSplitting(ctx, request, &table));
  if (table.split.phase != SplitPhase::kCopy) return Status::OK();  // a repeated step
  const JsonValue* done = Member(request, "Done");
  if (done && done->IsBool() && done->GetBool()) {
    table.split.phase = SplitPhase::kDirty;
    table.split.cursor.clear();
  } else if (!Base64Decode(TextOf(request, "Cursor"), &table.split.cursor)) {
    return Status::Validation("@SplitAdvance: bad cursor");
  }
  ctx.catalog.Save(table);
  return Status::OK();
}

Status SplitDirty(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadSplitting(ctx, request, &table));
  const uint32_t max = UintOf(request, "Max");
  ExportDirtyItems(ctx.store, table, max ? static_cast<int>(max) : 256, out);
  return Status::OK();
}

Status SplitClear(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadSplitting(ctx, request, &table));
  const JsonValue* dirty = Member(request, "Dirty");
  WriteKey(out, "Left");
  out.Int(dirty ? ClearDirty(ctx.store, table, *dirty, 1000) : 0);
  return Status::OK();
}

Status SplitFence(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadSplitting(ctx, request, &table));
  const bool can = table.split.phase == SplitPhase::kFenced ||
                   (table.split.phase == SplitPhase::kDirty && !TableHasLocks(ctx.store, table));
  if (can && table.split.phase != SplitPhase::kFenced) {
    table.split.phase = SplitPhase::kFenced;
    ctx.catalog.Save(table);
  }
  WriteKey(out, "Fenced");
  out.Bool(can);
  return Status::OK();
}

Status SplitEnd(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadSplitting(ctx, request, &table));
  if (table.split.phase == SplitPhase::kDrop) return Status::OK();
  if (table.split.phase != SplitPhase::kFenced) return Status::Validation("@SplitEnd: not fenced");
  table.split.owned = {BucketRange{table.split.owned[0].lo, table.split.moving.lo}};
  table.split.phase = SplitPhase::kDrop;
  table.split.cursor.clear();
  ctx.catalog.Save(table);
  return Status::OK();
}

Status SplitDrop(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadSplitting(ctx, request, &table));
  if (table.split.phase != SplitPhase::kDrop) return Status::Validation("@SplitDrop: not dropping");
  const uint32_t max = UintOf(request, "MaxRows");
  const bool done = DropGivenItems(ctx.store, &table, max ? static_cast<int>(max) : 2048);
  if (done) {
    DropDirtyMarks(ctx.store, table);
    table.split.phase = SplitPhase::kNone;
    table.split.moving = BucketRange{};
    table.split.child.clear();
    table.split.cursor.clear();
  }
  ctx.catalog.Save(table);
  WriteKey(out, "Done");
  out.Bool(done);
  return Status::OK();
}

}  // namespace dodb::ops
