#include "operation.h"
namespace dodb::ops {
Status DeleteItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) { return Status::UnknownOperation(); }
}
