#include "request/operation.h"

namespace dodb {

Status LoadTable(const OperationContext& ctx, std::string_view name, TableInfo* table, NotFoundWording wording) {
  if (ctx.catalog.Load(name, table)) {
    // A table spread over several objects keeps only its definition here, in the database's own
    // object: its items are the shards' (docs/SCALING.md). Only the router reaches them.
    // So is a table whose object is splitting, or that split (TableInfo::ItemsElsewhere).
    if (wording != NotFoundWording::kItemOperation || ctx.from_router || !table->ItemsElsewhere()) return Status::OK();
    const int64_t shards = table->ObjectCount();
    return Status::Validation("Table " + std::string(name) + " is spread over " + std::to_string(shards) +
                              " Durable Objects: send its requests through the shard router (docs/SCALING.md)");
  }
  if (wording == NotFoundWording::kItemOperation) return Status::ResourceNotFound("Requested resource not found");
  return Status::ResourceNotFound("Requested resource not found: Table: " + std::string(name) + " not found");
}

}  // namespace dodb
