// "@Maintain" (internal; no X-Amz-Target can name it): one bounded step of pending index work
// (maintenance.h). Request {"Budget": n} (default 1000 items); response {"More": bool}.
#include "maintenance.h"
#include "operation.h"

namespace dodb::ops {

Status Maintain(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  int budget = 1000;
  if (const JsonValue* b = Member(request, "Budget"); b && b->IsInt() && b->GetInt() > 0) budget = b->GetInt();
  bool more = RunMaintenance(ctx.store, ctx.catalog, budget);
  WriteKey(out, "More");
  out.Bool(more);
  return Status::OK();
}

}  // namespace dodb::ops
