// write_response.h: what a single-item write (PutItem, UpdateItem, DeleteItem) answers once its
// plan is committed.
#ifndef DODB_REQUEST_WRITE_RESPONSE_H_
#define DODB_REQUEST_WRITE_RESPONSE_H_

#include "format/attribute_value.h"
#include "request/write_plan.h"
#include "storage/store.h"
#include "util/json.h"

namespace dodb {

// Attributes (`returned`, when given and not empty), then ConsumedCapacity and
// ItemCollectionMetrics as the request's ReturnConsumedCapacity / ReturnItemCollectionMetrics ask.
void WriteSingleItemResponse(JsonWriter& out, Store& store, const JsonValue& request, const WritePlan& plan,
                             const AttributeMap* returned);

// The old item when the request's ReturnValues is ALL_OLD and there was one, else nullptr.
const AttributeMap* ReturnedOldItem(const JsonValue& request, const WritePlan& plan);

}  // namespace dodb

#endif  // DODB_REQUEST_WRITE_RESPONSE_H_
