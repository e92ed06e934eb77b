// capacity.h: ConsumedCapacity as DynamoDB reports it for ReturnConsumedCapacity TOTAL/INDEXES.
// Writes: one unit per started KB of the larger of the old and new item (at least 1).
// Reads: one unit per started 4 KB (at least 1), halved for eventually consistent reads.
#ifndef DODB_CAPACITY_H_
#define DODB_CAPACITY_H_

#include <string_view>

#include "json.h"

namespace dodb {

double WriteUnits(size_t item_bytes);
double ReadUnits(size_t item_bytes, bool consistent);

// Writes the "ConsumedCapacity" member if mode is TOTAL or INDEXES. With INDEXES, units spent
// on a read of index (non-empty name) are shown under GlobalSecondaryIndexes or
// LocalSecondaryIndexes, and the table's own share under Table.
void WriteConsumedCapacity(JsonWriter& w, std::string_view mode, std::string_view table, double units,
                           std::string_view index = "", bool global_index = false);

}  // namespace dodb

#endif  // DODB_CAPACITY_H_
