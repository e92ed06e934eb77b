#include "operation.h"
namespace dodb::ops {
Status DeleteTable(OperationContext& ctx, const JsonValue& request, JsonWriter& out) { return Status::UnknownOperation(); }
}
