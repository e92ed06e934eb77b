// table_info.h: a table's definition as plain data: key schema, secondary indexes, settings and
// the statistics DescribeTable shows. The catalog (storage/table_catalog.h) stores and caches it;
// request/table_description.h writes DynamoDB's TableDescription from it.
#ifndef DODB_FORMAT_TABLE_INFO_H_
#define DODB_FORMAT_TABLE_INFO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format/attribute_value.h"
#include "format/shard_split.h"
#include "util/json.h"

namespace dodb {

// The tag that sets how many Durable Objects a table's items are spread over (docs/SCALING.md).
inline constexpr std::string_view kShardsTag = "do-dynamodb:shards";

struct KeyAttribute {
  std::string name;
  ValueType type = ValueType::S;  // S, N or B
};

// A GSI's IndexStatus. An LSI is always ACTIVE; DELETING indexes are not described.
// The names are stored in the catalog: do not rename.
enum class IndexStatus { kCreating, kActive, kDeleting };  // CREATING = backfilling
// Projection.ProjectionType. The names are stored in the catalog: do not rename.
enum class ProjectionType { kAll, kKeysOnly, kInclude };

std::string_view IndexStatusName(IndexStatus status);          // "CREATING", "ACTIVE", "DELETING"
std::optional<IndexStatus> ParseIndexStatus(std::string_view name);
std::string_view ProjectionTypeName(ProjectionType type);      // "ALL", "KEYS_ONLY", "INCLUDE"
std::optional<ProjectionType> ParseProjectionType(std::string_view name);

// A secondary index. A GSI key may have up to 4 HASH and up to 4 RANGE attributes
// (multi-attribute keys); an LSI has the table's hash key and one RANGE attribute.
struct IndexInfo {
  std::string name;
  bool global = true;
  uint32_t id = 0;  // internal: prefix of this index's entries (keyspace.h)
  std::vector<KeyAttribute> hash_keys;
  std::vector<KeyAttribute> range_keys;
  ProjectionType projection_type = ProjectionType::kAll;
  std::vector<std::string> non_key_attributes;  // kInclude
  IndexStatus status = IndexStatus::kActive;
  std::string backfill_cursor;     // kCreating: the next item key to index
  int64_t item_count = 0;          // as of the last statistics refresh (storage/maintenance.h)
  int64_t size_bytes = 0;
  int64_t read_capacity = 0;
  int64_t write_capacity = 0;
};

struct TableInfo {
  std::string name;
  uint32_t id = 0;        // internal: prefix of this table's items
  std::string table_id;   // the TableId DynamoDB shows (a UUID)
  KeyAttribute hash_key;
  std::optional<KeyAttribute> range_key;
  std::vector<KeyAttribute> attribute_definitions;
  double creation_time = 0;  // epoch seconds
  bool pay_per_request = false;
  int64_t read_capacity = 0;
  int64_t write_capacity = 0;
  bool deletion_protection = false;
  std::string table_class;  // empty unless given (STANDARD, STANDARD_INFREQUENT_ACCESS)
  std::vector<IndexInfo> indexes;
  // Statistics DynamoDB refreshes about every six hours; so do we (storage/maintenance.h).
  int64_t item_count = 0;
  int64_t size_bytes = 0;
  double stats_time_ms = 0;     // when the last refresh finished (0: never)
  std::string stats_cursor;     // a refresh in progress: the next key to count ("" = not running)
  // Time to Live: items whose ttl_attribute (epoch seconds) has passed are deleted by sweeps.
  std::string ttl_attribute;    // empty: TTL was never enabled
  bool ttl_enabled = false;
  std::string ttl_cursor;       // the sweep in progress: the next item key ("" = between sweeps)
  double ttl_next_sweep_ms = 0;
  // Point-in-time recovery (ops/continuous_backups.cc): on since pitr_since (epoch seconds).
  bool pitr_enabled = false;
  double pitr_since = 0;
  int64_t pitr_days = 0;
  std::vector<std::pair<std::string, std::string>> tags;  // key -> value, in insertion order
  // DynamoDB Streams (storage/stream_log.h): the latest stream, kept after it is disabled.
  bool stream_enabled = false;
  std::string stream_view_type;  // of the enabled stream
  uint32_t stream_id = 0;        // 0: the table never had a stream
  std::string stream_label;
  int64_t stats_count = 0, stats_size = 0;  // its running totals
  // The shard layout (format/shard_split.h): in the directory, the table's map (empty: the equal
  // ranges of ShardCount()) and its version; in every object holding its items, a split's state.
  std::vector<ShardRange> ranges;
  int64_t map_version = 0;
  SplitState split;
  // GSIs partitioned by their own key (docs/SCALING.md), on a table spread over shards:
  // index_shards > 0: how many index shard objects each GSI has (the directory and every shard);
  // index_objects: in a table shard, the prefix of the index shard objects' names
  // ("<database>/<TableId>/gsi/"); its GSIs then keep no entries here, they are sent through the
  // outbox (storage/index_outbox.h). Empty: GSIs are kept beside the items (tables before this).
  int64_t index_shards = 0;
  std::string index_objects;
  std::string index_jurisdiction;  // the jurisdiction the index shard objects are in ("": none)

  // The index with this name, or nullptr.
  const IndexInfo* FindIndex(std::string_view index_name) const;
  // The attribute's declared type, if it is in AttributeDefinitions.
  const KeyAttribute* FindDefinition(std::string_view attribute) const;
  // True while a GSI is being created or deleted (TableStatus UPDATING).
  bool IndexChangePending() const;
  // How many Durable Objects the table's items are spread over (its kShardsTag; 1 without it).
  int64_t ShardCount() const;
  // Whether requests for the table's items must come through the router: it is spread (its tag),
  // has split (the directory keeps its map; the first split of a table in the database's own
  // object moves all of it out), or this object is splitting it.
  bool ItemsElsewhere() const;
  // How many objects hold the table's items, as far as this object knows (2 while it splits).
  int64_t ObjectCount() const;
  // The directory's map: the stored ranges, or ShardCount() equal ranges ("" or "/<TableId>/<i>").
  std::vector<ShardRange> ShardRanges() const;
};

// The table's ARN (DynamoDB Local's region and account).
std::string TableArn(std::string_view table);

// {"AttributeName": ..., "AttributeType": ...}, as in AttributeDefinitions.
void WriteAttributeDefinition(JsonWriter& w, const KeyAttribute& k);

}  // namespace dodb

#endif  // DODB_FORMAT_TABLE_INFO_H_
