#include "operation.h"
namespace dodb::ops {
Status ListTables(OperationContext& ctx, const JsonValue& request, JsonWriter& out) { return Status::UnknownOperation(); }
}
