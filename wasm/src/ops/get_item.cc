#include "operation.h"
namespace dodb::ops {
Status GetItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) { return Status::UnknownOperation(); }
}
