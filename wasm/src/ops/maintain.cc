// "@Maintain" (internal; no X-Amz-Target can name it): one bounded step of pending index work
// (maintenance.h). Request {"Budget": n} (default 1000 items); response {"More": bool} and,
// when periodic work is scheduled (Time to Live), "NextMs": the epoch ms it is next due.
#include "storage/maintenance.h"
#include "request/operation.h"

namespace dodb::ops {

Status Maintain(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  int budget = 1000;
  if (const JsonValue* b = Member(request, "Budget"); b && b->IsInt() && b->GetInt() > 0) budget = b->GetInt();
  double next_ms = 0;
  bool more = RunMaintenance(ctx.store, ctx.catalog, budget, &next_ms);
  WriteKey(out, "More");
  out.Bool(more);
  if (next_ms > 0) {
    WriteKey(out, "NextMs");
    out.Double(next_ms);
  }
  return Status::OK();
}

}  // namespace dodb::ops
