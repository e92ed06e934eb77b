// stream_fields.h: request parameters the DynamoDB Streams operations share (AWS model
// streams.dynamodb 2012-08-10), and how they find the stream a request names.
#ifndef DODB_OPS_STREAM_FIELDS_H_
#define DODB_OPS_STREAM_FIELDS_H_

#include <string>

#include "request/request_fields.h"
#include "storage/stream_log.h"

namespace dodb::ops {

inline constexpr Field kStreamArnField = Field{"StreamArn", Kind::String}.Required().MinLength(37).MaxLength(1024);

inline constexpr Field ShardIdField(std::string_view name, bool required) {
  return Field{name, Kind::String}.Required(required).MinLength(28).MaxLength(65);
}

// The stream arn names: ValidationException when it is no stream ARN, ResourceNotFoundException
// when there is no such stream (never was, or trimmed 24 hours after it was disabled).
inline Status FindRequestedStream(Store& store, std::string_view arn, StreamInfo* stream) {
  if (!IsStreamArnShape(arn)) return Status::Validation("Invalid StreamArn");
  if (!FindStreamByArn(store, arn, stream))
    return Status::ResourceNotFound("Requested resource not found: Stream: " + std::string(arn) + " not found");
  return Status::OK();
}

}  // namespace dodb::ops

#endif  // DODB_OPS_STREAM_FIELDS_H_
