// DescribeEndpoints: where to send requests, for SDKs with endpoint discovery. The engine does
// not know the address it is reached at; the HTTP front door answers with the request's Host
// (js/http/dynamodb-http.ts), other doors see the regional name below. 1440 minutes is what
// DynamoDB returns.
#include "request/operation.h"

namespace dodb::ops {

Status DescribeEndpoints(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  WriteKey(out, "Endpoints");
  out.StartArray();
  out.StartObject();
  WriteKey(out, "Address");
  out.String("dynamodb.ddblocal.amazonaws.com");
  WriteKey(out, "CachePeriodInMinutes");
  out.Int(1440);
  out.EndObject();
  out.EndArray();
  return Status::OK();
}

}  // namespace dodb::ops
