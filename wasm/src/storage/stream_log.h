// stream_log.h: DynamoDB Streams kept in the engine's own store (docs/FORMATS.md).
// A table with StreamSpecification.StreamEnabled has a current stream; every committed change
// of one of its items appends one stream record, in the same request (so in the same storage
// transaction) as the change itself (item_writer.cc). Records are kept as the JSON GetRecords
// returns, under 0x04 <stream id u32 BE> <sequence number u64 BE>; a stream's description under
// 0x05 <stream id u32 BE>. Sequence numbers come from one counter for the whole database, so they
// strictly increase within a stream and across streams. One shard per stream.
// Retention: records older than 24 hours, and streams disabled (or whose table was deleted) more
// than 24 hours ago, are trimmed by the maintenance steps (maintenance.h).
#ifndef DODB_STREAM_LOG_H_
#define DODB_STREAM_LOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format/attribute_value.h"
#include "util/json.h"
#include "storage/store.h"
#include "storage/table_catalog.h"

namespace dodb {

inline constexpr double kStreamRetentionMs = 24 * 3600 * 1000.0;
inline constexpr double kShardIteratorLifetimeMs = 15 * 60 * 1000.0;

// One stream (current or past) of a table.
struct StreamInfo {
  uint32_t id = 0;
  std::string table;
  std::string label;      // "2026-11-22T03:21:18.123" (UTC creation time, unique per table)
  std::string view_type;  // KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
  std::string hash_key, range_key;  // the table's key attribute names (range_key may be empty)
  double created_ms = 0;
  bool enabled = true;
  double disabled_ms = 0;     // when it was disabled or its table deleted (enabled == false)
  uint64_t start_seq = 0;     // every record of this stream has a sequence number >= start_seq
  uint64_t end_seq = 0;       // disabled: the last sequence number it can hold
  uint64_t trimmed_through = 0;  // records with sequence numbers <= this were trimmed

  std::string Arn() const;
  std::string ShardId() const;
};

// Why an item changed: a request, or a Time to Live deletion (DynamoDB's own service identity);
// or a split copying the item to another object or dropping the copy it gave away, which is no
// change of the item and is not recorded.
enum class ChangeCause : uint8_t { kRequest, kTimeToLive, kSplit };

// Starts a new stream for table (StreamEnabled on CreateTable or UpdateTable): allocates its id
// and label, stores it, and sets the table's stream fields (the caller saves the table).
void EnableStream(Store& store, Catalog& catalog, TableInfo* table, std::string_view view_type);
// Closes the table's current stream (StreamEnabled false, or DeleteTable); the caller saves the
// table. The stream stays readable for 24 hours.
void DisableStream(Store& store, TableInfo* table);

// Appends the record of one item change to the table's current stream, if it has one and the
// change changes anything. old_item / new_item as in WriteItem.
void AppendStreamRecord(Store& store, const TableInfo& table, const AttributeMap* old_item, const AttributeMap* new_item,
                        ChangeCause cause);

// Stream descriptions, by id.
bool LoadStream(Store& store, uint32_t id, StreamInfo* stream);
void SaveStream(Store& store, const StreamInfo& stream);
// Every stream, in id (creation) order.
std::vector<StreamInfo> ListStreamInfos(Store& store);
// The stream an ARN names; false if it is no stream of ours.
bool FindStreamByArn(Store& store, std::string_view arn, StreamInfo* stream);
// True if arn has the shape of a stream ARN (arn:aws:dynamodb:<region>:<account>:table/<t>/stream/<label>).
bool IsStreamArnShape(std::string_view arn);

// The last sequence number handed out so far (0 if none).
uint64_t LastSequenceNumber(Store& store);
// A sequence number as the API shows it (21 decimal digits, zero-padded), and back.
std::string FormatSequenceNumber(uint64_t seq);
bool ParseSequenceNumber(std::string_view text, uint64_t* seq);
// Store keys of a stream's records.
std::string StreamRecordKey(uint32_t stream_id, uint64_t seq);
std::string StreamRecordPrefix(uint32_t stream_id);

// One bounded step of stream retention (trims records older than 24 hours, drops streams
// disabled more than 24 hours ago); spends *budget. *next_ms is when trimming is next due (0 if
// there are no streams). Returns true if work remains now.
bool TrimStreams(Store& store, int* budget, double* next_ms);

// A shard iterator: "<stream ARN>|<shard id>|<position>|<issued ms>|<check>". position is the
// sequence number the next GetRecords starts at (0: the oldest record there is, TRIM_HORIZON);
// check is a hash of the rest, so an altered iterator is refused.
struct ShardIterator {
  std::string stream_arn;
  std::string shard_id;
  uint64_t position = 0;
  double issued_ms = 0;
};
std::string EncodeShardIterator(const ShardIterator& it);
bool DecodeShardIterator(std::string_view text, ShardIterator* it);

// "2026-11-22T03:21:18.123" for epoch milliseconds (UTC).
std::string IsoLabel(double epoch_ms);
// "Sun Nov 22 03:21:18 UTC 2026" (the Java Date form AWS messages use).
std::string JavaDateText(double epoch_ms);

}  // namespace dodb

#endif  // DODB_STREAM_LOG_H_
