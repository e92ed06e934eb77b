// ExecuteStatement: one PartiQL statement: SELECT, INSERT, UPDATE or DELETE
// (ops/partiql_plan.h: translated onto the item operations, then shaped).
#include "ops/operations.h"
#include "ops/partiql_plan.h"

namespace dodb::ops {

Status ExecuteStatement(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  return RunPartiql(ctx, "ExecuteStatement", request, out);
}

}  // namespace dodb::ops
