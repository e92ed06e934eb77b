// ListStreams (DynamoDB Streams): the database's streams, current and past (a disabled stream,
// or one whose table was deleted, is listed for 24 hours), optionally of one table, in ARN order;
// Limit (1..100, default 100) and ExclusiveStartStreamArn / LastEvaluatedStreamArn page them.
#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/stream_log.h"

namespace dodb::ops {
namespace {

const Field kFields[] = {
    kTableNameField.Required(false),
    Field{"Limit", Kind::Integer}.MinValue(1).MaxValue(100),
    Field{"ExclusiveStartStreamArn", Kind::String}.MinLength(37).MaxLength(1024),
};

}  // namespace

Status ListStreams(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  std::string_view after = StringOr(request, "ExclusiveStartStreamArn", "");
  if (!after.empty() && !IsStreamArnShape(after)) return Status::Validation("Invalid ExclusiveStartStreamArn");
  std::string_view table = StringOr(request, "TableName", "");
  size_t limit = 100;
  if (const JsonValue* l = Member(request, "Limit")) limit = static_cast<size_t>(IntegerOf(*l));  // validated 1..100; may be a decimal

  // ARN order (insertion sort: a database has few streams, and it keeps the module small).
  std::vector<StreamInfo> streams;
  for (StreamInfo& s : ListStreamInfos(ctx.store)) {
    if ((!table.empty() && s.table != table) || (!after.empty() && s.Arn() <= after)) continue;
    size_t at = streams.size();
    std::string arn = s.Arn();
    while (at > 0 && arn < streams[at - 1].Arn()) --at;
    streams.insert(streams.begin() + static_cast<std::ptrdiff_t>(at), std::move(s));
  }
  WriteKey(out, "Streams");
  out.StartArray();
  for (size_t i = 0; i < streams.size() && i < limit; ++i) {
    out.StartObject();
    WriteKey(out, "StreamArn"); WriteString(out, streams[i].Arn());
    WriteKey(out, "TableName"); WriteString(out, streams[i].table);
    WriteKey(out, "StreamLabel"); WriteString(out, streams[i].label);
    out.EndObject();
  }
  out.EndArray();
  if (streams.size() > limit) {
    WriteKey(out, "LastEvaluatedStreamArn");
    WriteString(out, streams[limit - 1].Arn());
  }
  return Status::OK();
}

}  // namespace dodb::ops
