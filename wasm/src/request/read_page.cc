#include "request/read_page.h"

#include "request/capacity.h"
#include "expr/condition_eval.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "format/key_codec.h"
#include "expr/projection.h"
#include "storage/secondary_index.h"

namespace dodb {
namespace {

constexpr int kBatch = 128;  // entries fetched from the host per kv_scan call

// The key attributes that identify a read position: the table key, plus the index key.
std::vector<KeyAttribute> PositionAttributes(const TableInfo& table, const IndexInfo* index) {
  std::vector<KeyAttribute> attrs;
  if (index) {
    attrs.insert(attrs.end(), index->hash_keys.begin(), index->hash_keys.end());
    attrs.insert(attrs.end(), index->range_keys.begin(), index->range_keys.end());
  }
  auto add = [&](const KeyAttribute& k) {
    for (const KeyAttribute& a : attrs)
      if (a.name == k.name) return;
    attrs.push_back(k);
  };
  add(table.hash_key);
  if (table.range_key) add(*table.range_key);
  return attrs;
}

std::string PartitionBytes(const TableInfo& table, const IndexInfo* index, const AttributeMap& item) {
  std::string bytes;
  if (index) {
    for (const KeyAttribute& k : index->hash_keys) AppendKeyValue(*FindAttribute(item, k.name), &bytes);
  } else {
    AppendKeyValue(*FindAttribute(item, table.hash_key.name), &bytes);
  }
  return bytes;
}

// One entry of "@Scanned" (ReadRequest::report_positions).
void WritePosition(JsonWriter& w, std::string_view storage_key, const std::vector<KeyAttribute>& position,
                   const AttributeMap& item, size_t size, bool matched) {
  static constexpr char kHex[] = "0123456789abcdef";
  constexpr size_t kIndexPrefix = 5;  // 0x03 <index id u32 BE> (format/keyspace.h)
  std::string hex;
  for (size_t i = std::min(kIndexPrefix, storage_key.size()); i < storage_key.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(storage_key[i]);
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  w.StartObject();
  WriteKey(w, "P");
  WriteString(w, hex);
  WriteKey(w, "K");
  w.StartObject();
  for (const KeyAttribute& a : position) {
    WriteKey(w, a.name);
    WriteAttributeValue(w, *FindAttribute(item, a.name));
  }
  w.EndObject();
  WriteKey(w, "S");
  w.Uint64(size);
  WriteKey(w, "M");
  w.Bool(matched);
  w.EndObject();
}

}  // namespace

uint32_t SegmentOf(std::string_view encoded_partition_key, uint32_t total_segments) {
  return static_cast<uint32_t>((static_cast<uint64_t>(PartitionHash(encoded_partition_key)) * total_segments) >> 32);
}

Status ExclusiveStartStorageKey(const TableInfo& table, const IndexInfo* index, const AttributeMap& key,
                                bool for_scan, std::string* storage_key) {
  const Status mismatch = Status::Validation("The provided key element does not match the schema");
  const Status invalid = Status::Validation("The provided starting key is invalid");
  const Status invalid_table_key =
      Status::Validation("The provided starting key is invalid: The provided key element does not match the schema");
  std::vector<KeyAttribute> attrs = PositionAttributes(table, index);
  bool shape_ok = key.size() == attrs.size();
  for (const KeyAttribute& a : attrs) shape_ok = shape_ok && FindAttribute(key, a.name);
  if (!shape_ok) return index || !for_scan ? invalid : invalid_table_key;
  for (const KeyAttribute& a : attrs) {
    const AttributeValue* v = FindAttribute(key, a.name);
    if (v->type == a.type) continue;
    bool index_key = false;
    if (index)
      for (const auto* keys : {&index->hash_keys, &index->range_keys})
        for (const KeyAttribute& k : *keys) index_key = index_key || k.name == a.name;
    if (index && !index_key) return invalid_table_key;
    return index || !for_scan ? mismatch : invalid_table_key;
  }
  // Oversize table key values get the key-size errors (dynalite db/index.js validateKeyPiece, called
  // on ExclusiveStartKey by actions/query.js and actions/scan.js).
  const KeyAttribute* table_keys[2] = {&table.hash_key, table.range_key ? &*table.range_key : nullptr};
  for (int i = 0; i < 2 && table_keys[i]; ++i) {
    const AttributeValue* v = FindAttribute(key, table_keys[i]->name);
    if (!v || v->type == ValueType::N) continue;
    if (i == 0 && v->scalar.size() > 2048)
      return Status::Validation(
          "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
    if (i == 1 && v->scalar.size() > 1024)
      return Status::Validation(
          "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of "
          "1024 bytes");
  }
  if (index) {
    *storage_key = *IndexEntryKey(table, *index, key);
  } else {
    *storage_key = ItemStorageKey(table, key);
  }
  return Status::OK();
}

Status ReadPage(Store& store, const ReadRequest& r, JsonWriter& out) {
  const TableInfo& table = *r.table;
  std::vector<KeyAttribute> position = PositionAttributes(table, r.index);
  std::string start = r.start, end = r.end;
  int64_t scanned = 0, count = 0;
  size_t bytes_read = 0;
  std::optional<AttributeMap> last_scanned;
  bool more = false;

  if (!r.count_only) {
    WriteKey(out, "Items");
    out.StartArray();
  }
  // Items that are returned whole, with no filter, projection, segment or table item to fetch,
  // are never decoded into an AttributeMap (decoding was a fifth of a Query page's instructions).
  // After a split, until the parent has dropped what it gave away, those items are not its to show.
  const bool hiding = table.split.phase == SplitPhase::kDrop;
  const bool direct = !r.filter && !r.projection && !r.fetch_table_item && !r.total_segments && !r.report_positions && !hiding;
  JsonWriter positions;
  if (r.report_positions) positions.StartArray();
  for (bool done = false; !done;) {
    // No more rows than Limit can still count: a 100-item page asks the host for 100, not
    // kBatch. The page ends with a LastEvaluatedKey when Limit is reached whether or not more
    // items follow (as DynamoDB's does), so no extra row is needed to know. A parallel Scan
    // segment skips most rows without counting them: it keeps asking for full batches.
    int want = kBatch;
    if (r.limit && !r.total_segments && r.limit - scanned < want) want = static_cast<int>(r.limit - scanned);
    std::vector<KeyValue> batch = store.Scan(start, end, r.reverse, want);
    for (const KeyValue& kv : batch) {
      if (direct) {
        // The item goes from its stored bytes to the response; it is decoded only if it ends
        // the page (LastEvaluatedKey).
        size_t size;
        ++count;
        if (!WriteStoredItem(kv.value, r.count_only ? nullptr : &out, &size))
          return Status::Internal("stored item is corrupt");
        ++scanned;
        bytes_read += size;
        if ((r.limit && scanned >= r.limit) || bytes_read >= r.page_bytes) {
          AttributeMap item;
          if (!DecodeItem(kv.value, &item)) return Status::Internal("stored item is corrupt");
          last_scanned = std::move(item);
          done = true;
          more = true;
          break;
        }
        continue;
      }
      AttributeMap item;
      if (!DecodeItem(kv.value, &item)) return Status::Internal("stored item is corrupt");
      if (r.total_segments && SegmentOf(PartitionBytes(table, r.index, item), r.total_segments) != r.segment) continue;
      if (hiding && !table.split.Serves(BucketOfHash(PartitionHash(PartitionBytes(table, nullptr, item))))) continue;
      ++scanned;
      bytes_read += ItemSize(item);
      // An LSI entry holds what the index projects; the rest comes from the table item when the
      // filter, the projection or ALL_ATTRIBUTES needs it.
      AttributeMap full;
      const AttributeMap* visible = &item;
      if (r.fetch_table_item) {
        std::string bytes;
        if (store.Get(ItemStorageKey(table, item), &bytes) && DecodeItem(bytes, &full)) visible = &full;
      }
      const bool matched = !r.filter || EvaluateCondition(*r.filter, *visible);
      if (r.report_positions) WritePosition(positions, kv.key, position, item, ItemSize(item), matched);
      if (matched) {
        ++count;
        if (!r.count_only) {
          if (r.projection) {
            std::vector<const Path*> paths;
            for (const Path& p : *r.projection) paths.push_back(&p);
            WriteAttributeMap(out, Project(*visible, paths));
          } else {
            WriteAttributeMap(out, r.return_table_item ? *visible : item);
          }
        }
      }
      last_scanned = std::move(item);
      if ((r.limit && scanned >= r.limit) || bytes_read >= r.page_bytes) {
        done = true;
        more = true;
        break;
      }
    }
    if (static_cast<int>(batch.size()) < want) done = true;
    if (!done) {
      if (r.reverse)
        end = batch.back().key;
      else
        start = batch.back().key + '\0';
    }
  }
  if (!r.count_only) out.EndArray();
  WriteKey(out, "Count");
  out.Int64(count);
  WriteKey(out, "ScannedCount");
  out.Int64(scanned);
  if (more && last_scanned) {
    WriteKey(out, "LastEvaluatedKey");
    out.StartObject();
    for (const KeyAttribute& a : position) {
      WriteKey(out, a.name);
      WriteAttributeValue(out, *FindAttribute(*last_scanned, a.name));
    }
    out.EndObject();
  }
  WriteConsumedCapacity(out, r.return_consumed_capacity,
                        ReadConsumption(table.name, ReadUnits(bytes_read, r.consistent), r.index));
  if (r.report_bytes) {
    WriteKey(out, "@ScannedBytes");
    out.Uint64(bytes_read);
  }
  if (r.report_positions) {
    positions.EndArray();
    WriteKey(out, "@Scanned");
    out.RawValue(positions.view().data(), positions.view().size(), rapidjson::kArrayType);
  }
  return Status::OK();
}

}  // namespace dodb
