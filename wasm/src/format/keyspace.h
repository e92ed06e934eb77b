// keyspace.h: how the engine lays out its one ordered store (docs/FORMATS.md).
// Do not reorder or reuse these prefixes: they are written to disk.
//   0x00 <name>                      engine metadata (e.g. "next_table_id" -> decimal text)
//   0x01 <table name>                catalog: table description (JSON, table_catalog.h)
//   0x02 <table id u32 BE> <hash key> [<range key>]   item (item_codec.h), key parts key_codec.h
//   0x03 <index id u32 BE> <index hash keys> <index range keys> <table hash key> [<table range key>]
//                                    index entry: the projected item (item_codec.h)
//   0x04 <stream id u32 BE> <sequence number u64 BE>   stream record: the record as JSON (stream_log.h)
//   0x05 <stream id u32 BE>          stream description (JSON, stream_log.h)
//   0x06 <item key (0x02 ...)>       locks of transactions over several objects on the item
//                                    (item_locks.h)
//   0x07 <transaction id>            a transaction's part prepared here (transaction_records.h)
//   0x08 <transaction id>            a coordinator's decision on a transaction (transaction_records.h)
//   0x09 <item key (0x02 ...)>       the item's version: u64 BE, microseconds (index_outbox.h); kept
//                                    after the item is deleted (a tombstone), travels with the item
//   0x0A <sequence u64 BE>           index outbox record: a change for a partitioned GSI's index
//                                    shard object, as JSON (index_outbox.h)
//   0x0B <item key (0x02 ...)>       an item written while a split copies its range: to be copied
//                                    again (storage/shard_split.h); empty value
#ifndef DODB_KEYSPACE_H_
#define DODB_KEYSPACE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dodb {

inline constexpr char kMetaPrefix = '\x00';
inline constexpr char kCatalogPrefix = '\x01';
inline constexpr char kItemPrefix = '\x02';
inline constexpr char kIndexPrefix = '\x03';
inline constexpr char kStreamRecordPrefix = '\x04';
inline constexpr char kStreamPrefix = '\x05';
inline constexpr char kItemLockPrefix = '\x06';
inline constexpr char kPreparedPartPrefix = '\x07';
inline constexpr char kDecisionPrefix = '\x08';
inline constexpr char kItemVersionPrefix = '\x09';
inline constexpr char kIndexOutboxPrefix = '\x0A';
inline constexpr char kSplitDirtyPrefix = '\x0B';

inline std::string MetaKey(std::string_view name) { return std::string(1, kMetaPrefix).append(name); }
inline std::string CatalogKey(std::string_view table) { return std::string(1, kCatalogPrefix).append(table); }

inline std::string PrefixWithId(char space, uint32_t id) {
  std::string k(1, space);
  for (int shift = 24; shift >= 0; shift -= 8) k.push_back(static_cast<char>((id >> shift) & 0xFF));
  return k;
}
// All items of a table share this prefix.
inline std::string ItemPrefix(uint32_t table_id) { return PrefixWithId(kItemPrefix, table_id); }
// All entries of a secondary index share this prefix.
inline std::string IndexPrefix(uint32_t index_id) { return PrefixWithId(kIndexPrefix, index_id); }

// The smallest key greater than every key that starts with prefix ("" if none exists).
inline std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty()) {
    unsigned char last = static_cast<unsigned char>(prefix.back());
    if (last != 0xFF) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

}  // namespace dodb

#endif  // DODB_KEYSPACE_H_
