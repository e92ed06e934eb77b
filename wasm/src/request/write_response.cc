#include "request/write_response.h"

#include "request/capacity.h"
#include "request/item_collection.h"
#include "request/request_fields.h"

namespace dodb {

void WriteSingleItemResponse(JsonWriter& out, Store& store, const JsonValue& request, const WritePlan& plan,
                             const AttributeMap* returned) {
  if (returned && !returned->empty()) {
    WriteKey(out, "Attributes");
    WriteAttributeMap(out, *returned);
  }
  WriteConsumedCapacity(out, StringOr(request, "ReturnConsumedCapacity", "NONE"), WriteConsumption(plan, 1));
  WriteItemCollectionMetrics(out, StringOr(request, "ReturnItemCollectionMetrics", "NONE"), store, plan);
}

const AttributeMap* ReturnedOldItem(const JsonValue& request, const WritePlan& plan) {
  return plan.old_item && StringOr(request, "ReturnValues", "NONE") == "ALL_OLD" ? &*plan.old_item : nullptr;
}

}  // namespace dodb
