// write_plan.h: a single-item write prepared but not yet performed. PutItem, UpdateItem and
// DeleteItem (and a transaction's ConditionCheck) each validate their request, read the current
// item and check their condition into a WritePlan; the operation then commits it at once, while
// TransactWriteItems first prepares every action and commits only if all of them hold.
#ifndef DODB_WRITE_PLAN_H_
#define DODB_WRITE_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "format/attribute_value.h"
#include "expr/expression_ast.h"
#include "util/json.h"
#include "request/operation.h"
#include "util/status.h"
#include "format/table_info.h"

namespace dodb {

struct WritePlan {
  TableInfo table;
  std::string key;                        // the item's storage key
  std::optional<AttributeMap> old_item;   // as stored now (read only when needed, see below)
  std::optional<AttributeMap> new_item;   // what to store; empty: delete (when writes)
  bool writes = true;                     // false: a ConditionCheck
  size_t new_size = 0;
  std::vector<Path> updated_paths;        // UpdateItem: the paths it changed (UPDATED_*)
};

// The part of DeleteItem and ConditionCheck after their own field checks: key, condition, table,
// current item (read when always_read_old, or when the request or the table needs it). A failed
// condition is ConditionalCheckFailedException (carrying "Item" when asked for). The planners of
// the item operations are declared beside them (ops/put_item.h, update_item.h, delete_item.h,
// condition_check.h).
Status PlanKeyedWrite(OperationContext& ctx, const JsonValue& request, bool always_read_old, WritePlan* plan);

// Before an item is written (or checked, in a transaction): TransactionConflictException if a
// transaction over several objects other than ctx.txn holds the item (storage/item_locks.h).
// When that transaction's lock has expired, the error names it ("@StaleTransaction"), so the shard
// router can have it resolved (docs/SCALING.md). Before that, a router's write to an item this
// object no longer holds, or holds behind a split's fence, is a stale map (shard_guard.h).
Status CheckItemNotLocked(const OperationContext& ctx, const TableInfo& table, std::string_view item_key);

// Performs the plan: the item and its index entries (item_writer.h).
void CommitWrite(Store& store, const WritePlan& plan);

}  // namespace dodb

#endif  // DODB_WRITE_PLAN_H_
