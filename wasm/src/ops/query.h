// query.h: what of Query other operations use.
#ifndef DODB_OPS_QUERY_H_
#define DODB_OPS_QUERY_H_

#include "util/json.h"
#include "util/status.h"

namespace dodb::ops {

// Query's parameter types and model constraints (the first checks a Query request gets), so that
// code reading an unchecked request (@Route) may rely on the members' types.
Status CheckQueryShape(const JsonValue& request);

}  // namespace dodb::ops

#endif  // DODB_OPS_QUERY_H_
