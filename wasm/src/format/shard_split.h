// shard_split.h: a table's place in the shard layout (docs/SCALING.md, "Splits"), as plain data.
// A partition key's bucket is the top 16 bits of its PartitionHash (key_codec.h): 65,536 buckets,
// and a table's items are spread over objects by contiguous bucket ranges.
//   - The directory (the database's own object) keeps the table's map: its ranges, each with the
//     object that holds it, and a version that grows with every split. No stored ranges: the N
//     equal ranges of the table's shard count (the "do-dynamodb:shards" tag).
//   - Every object that holds items of the table keeps what it owns, and the state of a split it
//     is handing half of a range to a new object in.
#ifndef DODB_FORMAT_SHARD_SPLIT_H_
#define DODB_FORMAT_SHARD_SPLIT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"

namespace dodb {

inline constexpr uint32_t kBuckets = 65536;
inline uint32_t BucketOfHash(uint32_t partition_hash) { return partition_hash >> 16; }

// Buckets [lo, hi).
struct BucketRange {
  uint32_t lo = 0, hi = 0;
  bool Contains(uint32_t bucket) const { return lo <= bucket && bucket < hi; }
  bool Empty() const { return lo >= hi; }
  bool operator==(const BucketRange& o) const { return lo == o.lo && hi == o.hi; }
};

// A range of the directory's map and its object, named relative to the database: "" is the
// database's own object, "/<TableId>/<i>" a shard made at CreateTable, "/<TableId>/r<lo>" one a
// split made.
struct ShardRange {
  BucketRange buckets;
  std::string object;
};

// The steps of a split, in order (stored by name: do not rename).
//   kCopy   items of the moving range are copied to the child from a cursor; writes to them are
//           noted as dirty (in the same storage transaction) so they are copied again
//   kDirty  dirty items are copied until few are left
//   kFenced the moving range is refused (routers wait), the last dirty items go, the directory
//           publishes the new map
//   kDrop   the moving range is the child's: this object no longer shows its items and deletes
//           them in bounded steps
enum class SplitPhase { kNone, kCopy, kDirty, kFenced, kDrop };
std::string_view SplitPhaseName(SplitPhase phase);
SplitPhase ParseSplitPhase(std::string_view name);

struct SplitState {
  std::vector<BucketRange> owned;  // empty: this object never took part in a split (owns what it is sent)
  SplitPhase phase = SplitPhase::kNone;
  BucketRange moving;              // the upper half handed to the child
  std::string child;               // its object name, relative to the database
  std::string self;                // this object's name, relative to the database
  std::string cursor;              // kCopy, kDrop: the next item key to visit

  // Whether this object serves bucket now (for reads: items it still stores but gave away are hidden).
  bool Serves(uint32_t bucket) const;
  // Whether writes to bucket are noted as dirty (the moving range, while it is copied).
  bool Tracks(uint32_t bucket) const {
    return (phase == SplitPhase::kCopy || phase == SplitPhase::kDirty || phase == SplitPhase::kFenced) &&
           moving.Contains(bucket);
  }
};

void WriteBucketRanges(JsonWriter& w, const std::vector<BucketRange>& ranges);  // [[lo, hi], ...]
bool ReadBucketRanges(const JsonValue& v, std::vector<BucketRange>* ranges);
void WriteSplitState(JsonWriter& w, const SplitState& s);  // an object (cursor base64)
void ReadSplitState(const JsonValue& v, SplitState* s);
void WriteShardRanges(JsonWriter& w, const std::vector<ShardRange>& ranges);  // [{"Lo","Hi","Object"}]
void ReadShardRanges(const JsonValue& v, std::vector<ShardRange>* ranges);

}  // namespace dodb

#endif  // DODB_FORMAT_SHARD_SPLIT_H_
