// item_collection.h: ItemCollectionMetrics (ReturnItemCollectionMetrics SIZE). Only tables with
// local secondary indexes have item collections: the table's items with one partition key value
// plus their entries in every LSI. DynamoDB reports {"ItemCollectionKey": {<pk>: value},
// "SizeEstimateRangeGB": [lower, upper]}; we measure the stored bytes after the write and report
// the whole-GB range around them ([0, 1] below 1 GB). The 10 GB collection limit
// (ItemCollectionSizeLimitExceededException) is not enforced: a Durable Object holds 10 GB in all.
#ifndef DODB_ITEM_COLLECTION_H_
#define DODB_ITEM_COLLECTION_H_

#include <string_view>
#include <vector>

#include "util/json.h"
#include "storage/store.h"
#include "request/write_plan.h"

namespace dodb {

// Single-item writes: the "ItemCollectionMetrics" member, if mode is SIZE and the table has LSIs.
void WriteItemCollectionMetrics(JsonWriter& w, std::string_view mode, Store& store, const WritePlan& plan);

// Batches and transactions: "ItemCollectionMetrics": {table: [metrics per written item]}, with
// only the tables that have LSIs; absent when none has.
void WriteItemCollectionMetricsByTable(JsonWriter& w, std::string_view mode, Store& store,
                                       const std::vector<const WritePlan*>& plans);

}  // namespace dodb

#endif  // DODB_ITEM_COLLECTION_H_
