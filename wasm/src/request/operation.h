// operation.h: what every operation file (ops/<name>.cc) implements; the table of them is
// ops/operations.h.
// An operation validates the whole request before it writes anything, so that an error leaves
// the store untouched; it then writes its response members into an already-open JSON object.
#ifndef DODB_REQUEST_OPERATION_H_
#define DODB_REQUEST_OPERATION_H_

#include <string_view>

#include "util/json.h"
#include "util/status.h"
#include "storage/item_locks.h"
#include "storage/store.h"
#include "storage/table_catalog.h"

namespace dodb {

struct OperationContext {
  Store& store;
  Catalog& catalog;
  // Called as "@Shard:<operation>" (by the shard router, docs/SCALING.md; no X-Amz-Target can
  // name it): the request's internal members ("@PageBytes", "@DryRun") are honoured.
  bool from_router = false;
  // Locks held by transactions over several objects (storage/item_locks.h); nullptr: none exist.
  ItemLocks* locks = nullptr;
  // The transaction over several objects this request prepares or commits: its own locks do not
  // block it ("@TxnPrepare", "@TxnCommit").
  std::string_view txn;
  // The directory checking a whole batch for the router ("@DryRun", "@Directory"): items of tables
  // held by other objects are looked at, not served, so the split guard (shard_guard.h) is off.
  bool unguarded = false;
};

using OperationFn = Status (*)(OperationContext& ctx, const JsonValue& request, JsonWriter& out);

struct Operation {
  // As in X-Amz-Target: DynamoDB_20120810.<name>; DynamoDB Streams' operations (target
  // DynamoDBStreams_20120810.<name>) as "DynamoDBStreams.<name>", which no DynamoDB target can name.
  std::string_view name;
  OperationFn run;
};

// Loads the table `name` into *table, or answers ResourceNotFoundException in DynamoDB's wording
// for item operations ("Requested resource not found") or, with kTableOperation, for table
// operations ("Requested resource not found: Table: <name> not found").
enum class NotFoundWording { kItemOperation, kTableOperation };
Status LoadTable(const OperationContext& ctx, std::string_view name, TableInfo* table,
                 NotFoundWording wording = NotFoundWording::kItemOperation);

}  // namespace dodb

#endif  // DODB_REQUEST_OPERATION_H_
