#include "operation.h"
namespace dodb::ops {
Status PutItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) { return Status::UnknownOperation(); }
}
