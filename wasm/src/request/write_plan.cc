#include "request/write_plan.h"

#include "storage/item_writer.h"

namespace dodb {

void CommitWrite(Store& store, const WritePlan& plan) {
  if (!plan.writes) return;
  WriteItem(store, plan.table, plan.key, plan.old_item ? &*plan.old_item : nullptr,
            plan.new_item ? &*plan.new_item : nullptr);
}

}  // namespace dodb
