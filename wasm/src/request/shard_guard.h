// shard_guard.h: a router's request that reached an object which does not hold what it asks for
// (the router's map is older than a split, docs/SCALING.md "Splits"). The answer is
// ResourceNotFoundException with the internal member "@StaleMap": the router refreshes its map
// and tries again (it strips the member; a client never sees it). Objects that never split, and
// requests not from a router, pass (those are refused earlier for a table on several objects).
#ifndef DODB_REQUEST_SHARD_GUARD_H_
#define DODB_REQUEST_SHARD_GUARD_H_

#include <string_view>

#include "request/operation.h"

namespace dodb {

// An item request: reads pass while this object holds the item's bucket; writes also stop once
// the split that moves it is fenced.
Status CheckServesKey(const OperationContext& ctx, const TableInfo& table, std::string_view item_key, bool write);
// A Query of one partition (its encoded partition key).
Status CheckServesPartition(const OperationContext& ctx, const TableInfo& table, std::string_view partition);
// A Scan or a GSI Query the router sent to every object of the table: its "@Range" [lo, hi], the
// buckets the router believes this object holds, must be exactly what it holds.
Status CheckServesRange(const OperationContext& ctx, const TableInfo& table, const JsonValue& request);

}  // namespace dodb

#endif  // DODB_REQUEST_SHARD_GUARD_H_
