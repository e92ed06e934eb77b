#include "operation.h"
namespace dodb::ops {
Status CreateTable(OperationContext& ctx, const JsonValue& request, JsonWriter& out) { return Status::UnknownOperation(); }
}
