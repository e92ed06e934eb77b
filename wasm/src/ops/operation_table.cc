#include "ops/operations.h"

namespace dodb {

const Operation* FindOperation(std::string_view name) {
#define DODB_OPERATION_ENTRY(Name) {#Name, &ops::Name},
#define DODB_STREAMS_OPERATION_ENTRY(Name) {"DynamoDBStreams." #Name, &ops::Name},
#define DODB_INTERNAL_OPERATION_ENTRY(Name) {"@" #Name, &ops::Name},
  static const Operation kOperations[] = {DODB_OPERATIONS(DODB_OPERATION_ENTRY) DODB_STREAMS_OPERATIONS(DODB_STREAMS_OPERATION_ENTRY)
                                              DODB_INTERNAL_OPERATIONS(DODB_INTERNAL_OPERATION_ENTRY)};
#undef DODB_INTERNAL_OPERATION_ENTRY
#undef DODB_STREAMS_OPERATION_ENTRY
#undef DODB_OPERATION_ENTRY
  for (const Operation& op : kOperations)
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace dodb
