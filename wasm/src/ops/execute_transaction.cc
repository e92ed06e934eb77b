// ExecuteTransaction: up to 100 PartiQL statements as one TransactWriteItems or TransactGetItems
// (ops/partiql_plan.h: translated onto the item operations, then shaped).
#include "ops/operations.h"
#include "ops/partiql_plan.h"

namespace dodb::ops {

Status ExecuteTransaction(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  return RunPartiql(ctx, "ExecuteTransaction", request, out);
}

}  // namespace dodb::ops
