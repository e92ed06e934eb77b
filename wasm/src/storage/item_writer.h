// item_writer.h: the one place items are written: the item itself and, in the same request
// (so in the same storage transaction), every secondary index entry it adds, moves or drops,
// and the record of the change in the table's stream (stream_log.h).
#ifndef DODB_ITEM_WRITER_H_
#define DODB_ITEM_WRITER_H_

#include <string>

#include "format/attribute_value.h"
#include "storage/store.h"
#include "storage/stream_log.h"
#include "format/table_info.h"

namespace dodb {

// Replaces the item at item_key: old_item is what is stored now (nullptr: nothing), new_item
// what must be stored (nullptr: delete). With a stream enabled, old_item must be what is stored
// (the caller read it), so the record says INSERT, MODIFY or REMOVE rightly.
void WriteItem(Store& store, const TableInfo& table, const std::string& item_key, const AttributeMap* old_item,
               const AttributeMap* new_item, ChangeCause cause = ChangeCause::kRequest);

// Writes item's entry into index (backfill; idempotent). A partitioned GSI (index_outbox.h): an
// outbox record at the item's next version instead.
void WriteIndexEntry(Store& store, const TableInfo& table, const IndexInfo& index, const std::string& item_key,
                     const AttributeMap& item);

}  // namespace dodb

#endif  // DODB_ITEM_WRITER_H_
