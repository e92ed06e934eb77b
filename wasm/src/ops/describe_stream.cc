// DescribeStream (DynamoDB Streams): a stream's status, view type, key schema and its one shard
// (closed, with an EndingSequenceNumber, once the stream is disabled or its table deleted).
#include "request/operation.h"
#include "ops/stream_fields.h"

namespace dodb::ops {
namespace {

const Field kFields[] = {
    kStreamArnField,
    Field{"Limit", Kind::Integer}.MinValue(1).MaxValue(100),
    ShardIdField("ExclusiveStartShardId", false),
};

void WriteKeySchemaElement(JsonWriter& w, const std::string& name, const char* type) {
  w.StartObject();
  WriteKey(w, "AttributeName"); WriteString(w, name);
  WriteKey(w, "KeyType"); w.String(type);
  w.EndObject();
}

}  // namespace

Status DescribeStream(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  StreamInfo s;
  DODB_RETURN_IF_ERROR(FindRequestedStream(ctx.store, StringOf(request["StreamArn"]), &s));
  std::string shard_id = s.ShardId();
  bool list_shard = StringOr(request, "ExclusiveStartShardId", "") < shard_id;

  WriteKey(out, "StreamDescription");
  out.StartObject();
  WriteKey(out, "StreamArn"); WriteString(out, s.Arn());
  WriteKey(out, "StreamLabel"); WriteString(out, s.label);
  WriteKey(out, "StreamStatus"); out.String(s.enabled ? "ENABLED" : "DISABLED");
  WriteKey(out, "StreamViewType"); WriteString(out, s.view_type);
  WriteKey(out, "CreationRequestDateTime"); out.Double(s.created_ms / 1000);
  WriteKey(out, "TableName"); WriteString(out, s.table);
  WriteKey(out, "KeySchema");
  out.StartArray();
  WriteKeySchemaElement(out, s.hash_key, "HASH");
  if (!s.range_key.empty()) WriteKeySchemaElement(out, s.range_key, "RANGE");
  out.EndArray();
  WriteKey(out, "Shards");
  out.StartArray();
  if (list_shard) {
    out.StartObject();
    WriteKey(out, "ShardId"); WriteString(out, shard_id);
    WriteKey(out, "SequenceNumberRange");
    out.StartObject();
    WriteKey(out, "StartingSequenceNumber"); WriteString(out, FormatSequenceNumber(s.start_seq));
    if (!s.enabled) {
      WriteKey(out, "EndingSequenceNumber");
      WriteString(out, FormatSequenceNumber(s.end_seq));
    }
    out.EndObject();
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return Status::OK();
}

}  // namespace dodb::ops
