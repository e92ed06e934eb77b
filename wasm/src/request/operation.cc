#include "request/operation.h"

namespace dodb {

Status LoadTable(const OperationContext& ctx, std::string_view name, TableInfo* table, NotFoundWording wording) {
  if (ctx.catalog.Load(name, table)) return Status::OK();
  if (wording == NotFoundWording::kItemOperation) return Status::ResourceNotFound("Requested resource not found");
  return Status::ResourceNotFound("Requested resource not found: Table: " + std::string(name) + " not found");
}

}  // namespace dodb
