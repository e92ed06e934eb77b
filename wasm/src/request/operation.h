// operation.h: what every operation file (ops/<name>.cc) implements, and the table of them.
// An operation validates the whole request before it writes anything, so that an error leaves
// the store untouched; it then writes its response members into an already-open JSON object.
#ifndef DODB_OPERATION_H_
#define DODB_OPERATION_H_

#include <string_view>

#include "json.h"
#include "status.h"
#include "store.h"
#include "table_catalog.h"

namespace dodb {

struct OperationContext {
  Store& store;
  Catalog& catalog;
};

using OperationFn = Status (*)(OperationContext& ctx, const JsonValue& request, JsonWriter& out);

struct Operation {
  // As in X-Amz-Target: DynamoDB_20120810.<name>; DynamoDB Streams' operations (target
  // DynamoDBStreams_20120810.<name>) as "DynamoDBStreams.<name>", which no DynamoDB target can name.
  std::string_view name;
  OperationFn run;
};

// The operation with this name, or nullptr.
const Operation* FindOperation(std::string_view name);

// One declaration per operation file; the table is in operation.cc.
#define DODB_OPERATIONS(X) \
  X(CreateTable)           \
  X(DeleteTable)           \
  X(DescribeTable)         \
  X(ListTables)            \
  X(PutItem)               \
  X(GetItem)               \
  X(DeleteItem)            \
  X(UpdateItem)            \
  X(Query)                 \
  X(Scan)                  \
  X(UpdateTable)           \
  X(TransactWriteItems)    \
  X(TransactGetItems)      \
  X(BatchWriteItem)        \
  X(BatchGetItem)          \
  X(UpdateTimeToLive)      \
  X(DescribeTimeToLive)    \
  X(TagResource)           \
  X(UntagResource)         \
  X(ListTagsOfResource)    \
  X(DescribeLimits)        \
  X(DescribeEndpoints)     \
  X(DescribeContinuousBackups) \
  X(UpdateContinuousBackups)

// DynamoDB Streams (X-Amz-Target: DynamoDBStreams_20120810.<name>), one file each in ops/.
#define DODB_STREAMS_OPERATIONS(X) \
  X(ListStreams)                   \
  X(DescribeStream)                \
  X(GetShardIterator)              \
  X(GetRecords)

#define DODB_DECLARE_OPERATION(Name) \
  Status Name(OperationContext& ctx, const JsonValue& request, JsonWriter& out);
namespace ops {
DODB_OPERATIONS(DODB_DECLARE_OPERATION)
DODB_STREAMS_OPERATIONS(DODB_DECLARE_OPERATION)
#undef DODB_DECLARE_OPERATION
// Internal operations, reachable from the host only (their names cannot come from X-Amz-Target).
Status Maintain(OperationContext& ctx, const JsonValue& request, JsonWriter& out);
}  // namespace ops

}  // namespace dodb

#endif  // DODB_OPERATION_H_
