// index_outbox.h: global secondary indexes partitioned by their own key (docs/SCALING.md). A
// table spread over shards with TableInfo::index_objects set keeps no GSI entries beside its
// items: each item write adds outbox records (key space 0x0A, keyspace.h) in the same request,
// so in the same storage transaction, as the item; the object's host delivers them, in order,
// to the index shard objects ("@OutboxRead", "@OutboxAck"), which apply them ("@IndexApply").
//
// Versions: every item of such a table has a version (key space 0x09, beside the item, keyed by
// the item key): new = max(old + 1, now in microseconds), so it grows with every write of the
// item on whatever object holds it (a split that copies the item copies its version record).
// A version record stays after its item is deleted (a tombstone), so a later write of the key
// still gets a larger version. An index shard keeps the version of each entry it applied (also
// key space 0x09, over its own items) and ignores a record that is not newer: deliveries may be
// repeated, late or out of order, the index converges to the table's projected items.
//
// An outbox record (JSON): {"O": index shard object name, "J": its jurisdiction (if any), "T":
// table name, "I": index name, "X": the index's id here, "K": the item's key attributes, "V":
// version, "P": the projected item (absent: remove the entry)}.
#ifndef DODB_STORAGE_INDEX_OUTBOX_H_
#define DODB_STORAGE_INDEX_OUTBOX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "format/attribute_value.h"
#include "format/table_info.h"
#include "storage/store.h"

namespace dodb {

// True if index's entries go through the outbox (a GSI of a table shard with index_objects set).
bool IsPartitionedIndex(const TableInfo& table, const IndexInfo& index);
// True if index is a partitioned GSI as the directory (the database's own object) keeps it: a
// table spread over shards whose GSIs are partitioned. Created online, it stays CREATING there
// until the router, having seen every shard's backfill delivered, makes it ACTIVE ("@IndexActive").
bool IsHeldByRouter(const TableInfo& table, const IndexInfo& index);
// True if any index of table (not being deleted) is partitioned.
bool HasPartitionedIndexes(const TableInfo& table);

// The item's version (0: none recorded).
uint64_t ItemVersion(Store& store, std::string_view item_key);
// Gives the item a new version, max(old + 1, now in microseconds), and returns it.
uint64_t NextItemVersion(Store& store, std::string_view item_key);

// The index shard (0 <= shard < shards) of an index partition: the index's HASH attributes'
// values, encoded one after another (key_codec.h), hashed by PartitionHash; the router computes
// the same from a Query's key condition ("@Route" with IndexHashKeys). False if the item lacks
// one of them (it is not in the index).
bool IndexShardOf(const IndexInfo& index, const AttributeMap& item, int64_t shards, int64_t* shard);
// The same from a 32-bit partition hash (the router's bucket rule, js/shard/shard-map.ts).
int64_t ShardOfHash(uint32_t hash, int64_t shards);

// Adds the outbox records that bring index's shards from old_item to new_item (either may be
// null), at version. Nothing when the entry neither moves nor changes.
void EmitIndexChange(Store& store, const TableInfo& table, const IndexInfo& index, const AttributeMap* old_item,
                     const AttributeMap* new_item, uint64_t version);

// Up to limit outbox records, oldest first (key: the record's place, for OutboxAck).
std::vector<KeyValue> ReadOutbox(Store& store, int limit);
// The newest outbox record (none: empty).
std::vector<KeyValue> LastOutboxRecord(Store& store);
// Whether this object has outbox records waiting.
bool OutboxEmpty(Store& store);
// Whether a record of index (index_name, index_id) of table (nullptr: gone) must still be
// delivered: not if the index was deleted since, even if one was created again under its name.
bool OutboxRecordCurrent(const TableInfo* table, std::string_view index_name, uint32_t index_id);

// An index shard applies one record: the item at key (the table's key attributes) becomes
// projected (nullptr: removed) if version is newer than the one kept. True if applied.
bool ApplyIndexRecord(Store& store, const TableInfo& table, const AttributeMap& key, uint64_t version,
                      const AttributeMap* projected);

}  // namespace dodb

#endif  // DODB_STORAGE_INDEX_OUTBOX_H_
