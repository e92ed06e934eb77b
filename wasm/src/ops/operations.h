// operations.h: the table of operations, one file each in ops/ (the truth the JS layer's
// operation facts are tested against: js/ reads the DODB_OPERATIONS lists below).
#ifndef DODB_OPS_OPERATIONS_H_
#define DODB_OPS_OPERATIONS_H_

#include <string_view>

#include "request/operation.h"

namespace dodb {

// The operation with this name, or nullptr.
const Operation* FindOperation(std::string_view name);

// One declaration per operation file; the table is in operation_table.cc.
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
  X(UpdateContinuousBackups) \
  X(ExecuteStatement)        \
  X(BatchExecuteStatement)   \
  X(ExecuteTransaction)

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
// Internal operations, reachable from the host only (their names, "@<name>", cannot come from
// X-Amz-Target): maintenance, the shard router's (route.cc, shard_map.cc, and the phases of
// transactions over several objects: transaction_participant.cc, transaction_coordinator.cc; and
// of splits: shard_split.cc, shard_split_child.cc), declared tables' definitions
// (describe_table.cc), and PartiQL for the router (partiql_step.cc).
#define DODB_INTERNAL_OPERATIONS(X)                                                                        \
  X(Maintain) X(Route) X(ShardMap) X(DescribeTableDefinition) X(TxnPrepare) X(TxnCommit) X(TxnAbort) \
  X(TxnRead) X(TxnReadEnd) X(TxnPending) X(TxnStatus) X(TxnStage) X(TxnRelease) X(TxnDecide)            \
  X(ShardMapSplit) X(SplitStatus) X(SplitBegin) X(SplitExport) X(SplitAdvance) X(SplitDirty) X(SplitClear)  \
  X(SplitFence) X(SplitEnd) X(SplitDrop) X(SplitAdopt) X(SplitImport) X(PartiQL)      \
  X(IndexApply) X(OutboxRead) X(OutboxAck) X(IndexActive)
DODB_INTERNAL_OPERATIONS(DODB_DECLARE_OPERATION)
#undef DODB_DECLARE_OPERATION
}  // namespace ops

}  // namespace dodb

#endif  // DODB_OPS_OPERATIONS_H_
