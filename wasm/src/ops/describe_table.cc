#include "operation.h"
namespace dodb::ops {
Status DescribeTable(OperationContext& ctx, const JsonValue& request, JsonWriter& out) { return Status::UnknownOperation(); }
}
