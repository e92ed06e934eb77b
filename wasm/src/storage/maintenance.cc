#include "storage/maintenance.h"

#include <algorithm>
#include <vector>

#include "format/item_codec.h"
#include "storage/item_locks.h"
#include "storage/index_outbox.h"
#include "storage/item_writer.h"
#include "storage/shard_split.h"
#include "format/keyspace.h"
#include "util/number.h"
#include "storage/stream_log.h"

namespace dodb {
namespace {

// The pending tables, one per line, under a metadata key.
const std::string& PendingKey() {
  static const std::string key = MetaKey("maintenance");
  return key;
}

std::vector<std::string> Pending(Store& store) {
  std::string text;
  std::vector<std::string> names;
  if (!store.Get(PendingKey(), &text)) return names;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    names.push_back(text.substr(pos, nl - pos));
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  return names;
}

void SetPending(Store& store, const std::vector<std::string>& names) {
  if (names.empty()) {
    store.Delete(PendingKey());
    return;
  }
  std::string text;
  for (const std::string& n : names) text += (text.empty() ? "" : "\n") + n;
  store.Put(PendingKey(), text);
}

// A partitioned GSI's backfill cursor once every item is in the outbox: this mark, then the key of
// the last outbox record written by then (item keys start with 0x02, never with the mark).
constexpr char kDeliveryMark = '\xFF';

// One bounded step of one index, spending *budget; true when the index needs nothing more.
// *waiting: a partitioned GSI whose backfill only waits for the outbox's delivery (index_outbox.h).
bool Step(Store& store, Catalog& catalog, TableInfo* table, IndexInfo* index, int* budget, bool* waiting) {
  if (index->status == IndexStatus::kCreating && IsHeldByRouter(*table, *index)) {
    *waiting = true;  // the router makes it ACTIVE ("@IndexActive") once every shard's backfill is delivered
    return false;
  }
  if (index->status == IndexStatus::kCreating && !index->backfill_cursor.empty() &&
      index->backfill_cursor[0] == kDeliveryMark) {
    // ACTIVE once the index shards have acknowledged every record of the backfill.
    std::vector<KeyValue> first = ReadOutbox(store, 1);
    if (!first.empty() && first[0].key <= std::string_view(index->backfill_cursor).substr(1)) {
      *waiting = true;
      return false;
    }
    index->status = IndexStatus::kActive;
    index->backfill_cursor.clear();
    return true;
  }
  if (index->status == IndexStatus::kCreating) {
    std::string start = index->backfill_cursor.empty() ? ItemPrefix(table->id) : index->backfill_cursor;
    std::vector<KeyValue> batch = store.Scan(start, PrefixEnd(ItemPrefix(table->id)), false, *budget);
    for (const KeyValue& kv : batch) {
      AttributeMap item;
      if (DecodeItem(kv.value, &item)) WriteIndexEntry(store, *table, *index, kv.key, item);
    }
    *budget -= static_cast<int>(batch.size());
    if (*budget > 0) {  // the range is exhausted
      std::vector<KeyValue> last = IsPartitionedIndex(*table, *index) ? LastOutboxRecord(store) : std::vector<KeyValue>{};
      if (!last.empty()) {
        index->backfill_cursor = std::string(1, kDeliveryMark) + last[0].key;
        *waiting = true;
        return false;
      }
      index->status = IndexStatus::kActive;
      index->backfill_cursor.clear();
      return true;
    }
    index->backfill_cursor = batch.back().key + '\0';
    return false;
  }
  if (index->status == IndexStatus::kDeleting) {
    std::vector<KeyValue> batch = store.Scan(IndexPrefix(index->id), PrefixEnd(IndexPrefix(index->id)), false, *budget);
    for (const KeyValue& kv : batch) store.Delete(kv.key);
    *budget -= static_cast<int>(batch.size());
    return *budget > 0;
  }
  return true;
}

constexpr double kStatisticsPeriodMs = 6 * 3600 * 1000.0;
// How soon a backfill that waits for its outbox's delivery looks again.
constexpr double kDeliveryPollMs = 100;

// The store ranges a statistics refresh counts, in order: the table's items, then each index.
std::vector<std::string> StatisticsRanges(const TableInfo& table) {
  std::vector<std::string> ranges = {ItemPrefix(table.id)};
  for (const IndexInfo& i : table.indexes) ranges.push_back(IndexPrefix(i.id));
  return ranges;
}

// One bounded step of a statistics refresh; true when it has finished.
bool StatisticsStep(Store& store, TableInfo* table, int* budget) {
  std::vector<std::string> ranges = StatisticsRanges(*table);
  while (*budget > 0 && !table->stats_cursor.empty()) {
    size_t r = 0;
    while (r + 1 < ranges.size() && table->stats_cursor >= ranges[r + 1]) ++r;
    std::string end = PrefixEnd(ranges[r]);
    std::vector<KeyValue> batch = store.Scan(table->stats_cursor, end, false, *budget);
    for (const KeyValue& kv : batch) {
      AttributeMap item;
      ++table->stats_count;
      if (DecodeItem(kv.value, &item)) table->stats_size += static_cast<int64_t>(ItemSize(item));
    }
    *budget -= static_cast<int>(batch.size());
    if (*budget > 0) {  // range r is done
      if (r == 0) {
        table->item_count = table->stats_count;
        table->size_bytes = table->stats_size;
      } else {
        table->indexes[r - 1].item_count = table->stats_count;
        table->indexes[r - 1].size_bytes = table->stats_size;
      }
      table->stats_count = table->stats_size = 0;
      table->stats_cursor = r + 1 < ranges.size() ? ranges[r + 1] : "";
      if (table->stats_cursor.empty()) table->stats_time_ms = store.NowMs();
    } else {
      table->stats_cursor = batch.back().key + '\0';
    }
  }
  return table->stats_cursor.empty();
}

// Time to Live: an item expires when its TTL attribute is a number of epoch seconds in the past,
// but not more than five years in the past (DynamoDB ignores such values).
bool Expired(const AttributeMap& item, const std::string& attribute, double now_ms) {
  const AttributeValue* v = FindAttribute(item, attribute);
  if (!v || v->type != ValueType::N) return false;
  Decimal d;
  if (!ParseDecimal(v->scalar, &d).ok() || d.negative || d.is_zero() || d.exponent > 15) return false;
  double seconds = 0;
  for (int i = 0; i < d.exponent; ++i) seconds = seconds * 10 + (i < static_cast<int>(d.digits.size()) ? d.digits[i] - '0' : 0);
  double now_s = now_ms / 1000;
  return seconds <= now_s && seconds >= now_s - 5 * 365.25 * 86400;
}

// One bounded step of a table's Time to Live sweep; true when the sweep is finished.
bool TtlStep(Store& store, TableInfo* table, int* budget) {
  if (table->ttl_cursor.empty()) table->ttl_cursor = ItemPrefix(table->id);
  std::vector<KeyValue> batch = store.Scan(table->ttl_cursor, PrefixEnd(ItemPrefix(table->id)), false, *budget);
  double now = store.NowMs();
  for (const KeyValue& kv : batch) {
    AttributeMap item;
    if (DecodeItem(kv.value, &item) && Expired(item, table->ttl_attribute, now) && !IsItemLocked(store, kv.key) &&
        table->split.Serves(BucketOfItemKey(*table, kv.key)))
      WriteItem(store, *table, kv.key, &item, nullptr, ChangeCause::kTimeToLive);
  }
  *budget -= static_cast<int>(batch.size());
  if (*budget > 0) {
    table->ttl_cursor.clear();
    table->ttl_next_sweep_ms = now + kTtlSweepPeriodMs;
    return true;
  }
  table->ttl_cursor = batch.back().key + '\0';
  return false;
}

}  // namespace

bool RequestStatisticsIfStale(Store& store, TableInfo* table) {
  if (!table->stats_cursor.empty() || store.NowMs() - table->stats_time_ms < kStatisticsPeriodMs) return false;
  table->stats_cursor = ItemPrefix(table->id);
  table->stats_count = table->stats_size = 0;
  RequestMaintenance(store, table->name);
  return true;
}

void RequestMaintenance(Store& store, std::string_view table) {
  std::vector<std::string> names = Pending(store);
  if (std::find(names.begin(), names.end(), table) == names.end()) names.emplace_back(table);
  SetPending(store, names);
}

bool RunMaintenance(Store& store, Catalog& catalog, int budget, double* next_ms) {
  *next_ms = 0;
  std::vector<std::string> names = Pending(store);
  std::vector<std::string> remaining;
  bool more = false;
  for (const std::string& name : names) {
    TableInfo table;
    if (!catalog.Load(name, &table)) continue;  // a table deleted meanwhile needs nothing more
    bool busy = false;
    bool waiting = false;  // an index waits for its outbox's delivery, nothing else to do now
    if (budget > 0) {
      std::vector<std::string> deleted;  // DELETING indexes whose entries are all gone
      for (IndexInfo& index : table.indexes) {
        if (index.status == IndexStatus::kActive || budget <= 0) continue;
        bool was_deleting = index.status == IndexStatus::kDeleting;
        bool index_waiting = false;
        if (Step(store, catalog, &table, &index, &budget, &index_waiting) && was_deleting) deleted.push_back(index.name);
        waiting = waiting || index_waiting;
      }
      table.indexes.erase(std::remove_if(table.indexes.begin(), table.indexes.end(),
                                         [&](const IndexInfo& i) {
                                           return std::find(deleted.begin(), deleted.end(), i.name) != deleted.end();
                                         }),
                          table.indexes.end());
    }
    busy = table.IndexChangePending();
    // Only waiting for deliveries (look again shortly) or for the router: no spinning alarm.
    auto delivering = [](const IndexInfo& i) {
      return i.status == IndexStatus::kCreating && !i.backfill_cursor.empty() && i.backfill_cursor[0] == kDeliveryMark;
    };
    bool only_waiting = waiting && std::all_of(table.indexes.begin(), table.indexes.end(), [&](const IndexInfo& i) {
      return i.status == IndexStatus::kActive || delivering(i) ||
             (i.status == IndexStatus::kCreating && IsHeldByRouter(table, i));
    });
    if (only_waiting && std::any_of(table.indexes.begin(), table.indexes.end(), delivering)) {
      double again = store.NowMs() + kDeliveryPollMs;
      if (*next_ms == 0 || again < *next_ms) *next_ms = again;
    }
    if (!busy && !table.stats_cursor.empty()) busy = budget <= 0 || !StatisticsStep(store, &table, &budget);
    // Time to Live: sweep when due; the table stays pending while TTL is enabled.
    bool ttl_due = table.ttl_enabled && (!table.ttl_cursor.empty() || table.ttl_next_sweep_ms <= store.NowMs());
    if (ttl_due && budget > 0) ttl_due = !TtlStep(store, &table, &budget);
    catalog.Save(table);
    more = more || (busy && !only_waiting) || ttl_due;
    if (busy || table.ttl_enabled) remaining.push_back(name);
    if (table.ttl_enabled && !ttl_due && (*next_ms == 0 || table.ttl_next_sweep_ms < *next_ms))
      *next_ms = table.ttl_next_sweep_ms;
  }
  SetPending(store, remaining);
  // Stream retention: records older than 24 hours, and streams disabled 24 hours ago.
  double trim_ms = 0;
  more = TrimStreams(store, &budget, &trim_ms) || more;
  if (trim_ms > 0 && (*next_ms == 0 || trim_ms < *next_ms)) *next_ms = trim_ms;
  return more;
}

std::string_view TableStatusOf(const TableInfo& table) {
  return table.IndexChangePending() ? "UPDATING" : "ACTIVE";
}

}  // namespace dodb
