// BatchExecuteStatement: up to 25 PartiQL statements, each answered in its own Responses entry (an error included)
// (ops/partiql_plan.h: translated onto the item operations, then shaped).
#include "ops/operations.h"
#include "ops/partiql_plan.h"

namespace dodb::ops {

Status BatchExecuteStatement(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  return RunPartiql(ctx, "BatchExecuteStatement", request, out);
}

}  // namespace dodb::ops
