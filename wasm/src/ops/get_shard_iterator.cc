// GetShardIterator (DynamoDB Streams): an iterator into a stream's shard at TRIM_HORIZON (the
// oldest record kept), LATEST (after the newest), AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER.
// Iterators are valid for 15 minutes (GetRecords answers ExpiredIteratorException after that).
#include "request/operation.h"
#include "ops/stream_fields.h"

namespace dodb::ops {
namespace {

const Field kFields[] = {
    kStreamArnField,
    ShardIdField("ShardId", true),
    RequiredField("ShardIteratorType", Kind::String).Enum("[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]"),
    Field{"SequenceNumber", Kind::String}.MinLength(21).MaxLength(40),
};

}  // namespace

Status GetShardIterator(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  std::string_view type = StringOf(request["ShardIteratorType"]);
  const JsonValue* seq_text = Member(request, "SequenceNumber");
  bool by_sequence = type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER";
  if (by_sequence && !seq_text)
    return Status::Validation("Must specify a SequenceNumber for ShardIteratorType " + std::string(type));
  if (!by_sequence && seq_text)
    return Status::Validation("SequenceNumber must not be specified for ShardIteratorType " + std::string(type));
  uint64_t seq = 0;
  if (seq_text && !ParseSequenceNumber(StringOf(*seq_text), &seq))
    return Status::Validation("Invalid SequenceNumber: " + std::string(StringOf(*seq_text)));

  StreamInfo s;
  DODB_RETURN_IF_ERROR(FindRequestedStream(ctx.store, StringOf(request["StreamArn"]), &s));
  std::string_view shard_id = StringOf(request["ShardId"]);
  if (shard_id != s.ShardId())
    return Status::ResourceNotFound("Requested resource not found: Shard does not exist: " + std::string(shard_id));

  ShardIterator it;
  it.stream_arn = s.Arn();
  it.shard_id = s.ShardId();
  it.issued_ms = ctx.store.NowMs();
  if (type == "LATEST") {
    it.position = (s.enabled ? LastSequenceNumber(ctx.store) : s.end_seq) + 1;
  } else if (by_sequence) {
    if (seq < s.start_seq || (!s.enabled && seq > s.end_seq) || seq > LastSequenceNumber(ctx.store) + 1)
      return Status::Validation("Invalid SequenceNumber: " + std::string(StringOf(*seq_text)) +
                                " is not in shard " + s.ShardId());
    if (seq <= s.trimmed_through)
      return Status::TrimmedDataAccess("The data you are trying to access has been trimmed.");
    it.position = type == "AT_SEQUENCE_NUMBER" ? seq : seq + 1;
  }
  WriteKey(out, "ShardIterator");
  WriteString(out, EncodeShardIterator(it));
  return Status::OK();
}

}  // namespace dodb::ops
