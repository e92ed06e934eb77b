// read_page.h: the page loop Query and Scan share. Streams one store range in bounded batches
// (memory stays flat however large the table), counting items read against Limit and the 1 MB
// page size (both measured before the filter, as DynamoDB does), applying the filter,
// projection and Select, and writing Items / Count / ScannedCount / LastEvaluatedKey /
// ConsumedCapacity.
#ifndef DODB_READ_PAGE_H_
#define DODB_READ_PAGE_H_

#include <optional>
#include <string>
#include <vector>

#include "format/attribute_value.h"
#include "expr/expression_ast.h"
#include "util/json.h"
#include "util/status.h"
#include "storage/store.h"
#include "format/table_info.h"

namespace dodb {

// DynamoDB's page: a Query or Scan reads at most 1 MB before it stops.
inline constexpr size_t kPageBytes = 1024 * 1024;

struct ReadRequest {
  const TableInfo* table = nullptr;
  const IndexInfo* index = nullptr;  // nullptr: the table itself
  std::string start, end;            // store range [start, end)
  bool reverse = false;
  int64_t limit = 0;                 // 0: no limit
  std::optional<Condition> filter;
  std::optional<std::vector<Path>> projection;  // SPECIFIC_ATTRIBUTES
  bool count_only = false;                      // Select COUNT
  bool fetch_table_item = false;                // LSI read needing attributes it does not project
  bool return_table_item = false;               // with fetch: return the table item (ALL_ATTRIBUTES)
  uint32_t segment = 0, total_segments = 0;     // parallel Scan; 0 segments: whole range
  bool consistent = false;
  std::string_view return_consumed_capacity = "NONE";
  // A Scan over several shards (the router's "@PageBytes"): the page's byte budget left, and
  // "@ScannedBytes" written so the router can carry the rest to the next shard.
  size_t page_bytes = kPageBytes;
  bool report_bytes = false;
  // A Query of a GSI over several shards (the router's "@Positions"): every item read, in read
  // order, as {"P": its position (hex of its index entry key after the index prefix: byte order
  // is read order), "K": its position attributes, "S": its size, "M": whether it matched the
  // filter}, in "@Scanned", so the router can merge the shards' pages in index order.
  bool report_positions = false;
};

// The (Total)Segment a partition key falls in: segments split the 32-bit hash space of the
// encoded partition key into equal ranges, so segments of 2N nest in those of N.
uint32_t SegmentOf(std::string_view encoded_partition_key, uint32_t total_segments);

// Validates an ExclusiveStartKey against the read's key schema and returns its storage key.
// for_scan selects Scan's wording for a table ExclusiveStartKey of the wrong shape.
Status ExclusiveStartStorageKey(const TableInfo& table, const IndexInfo* index, const AttributeMap& key,
                                bool for_scan, std::string* storage_key);

Status ReadPage(Store& store, const ReadRequest& request, JsonWriter& out);

}  // namespace dodb

#endif  // DODB_READ_PAGE_H_
