// GetRecords (DynamoDB Streams): up to Limit (1..1000, default 1000) records of a shard from a
// shard iterator, at most 1 MB of them, oldest first, and the iterator to continue from. A
// closed shard (stream disabled, table deleted) read to its end has no NextShardIterator.
#include <algorithm>

#include "format/keyspace.h"
#include "request/operation.h"
#include "ops/stream_fields.h"

namespace dodb::ops {
namespace {

const Field kFields[] = {
    RequiredField("ShardIterator", Kind::String).MinLength(1).MaxLength(2048),
    Field{"Limit", Kind::Integer}.MinValue(1).MaxValue(1000),
};

constexpr size_t kMaxResponseBytes = 1 << 20;

}  // namespace

Status GetRecords(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  ShardIterator it;
  if (!DecodeShardIterator(StringOf(request["ShardIterator"]), &it)) return Status::Validation("Invalid ShardIterator");
  int limit = 1000;
  if (const JsonValue* l = Member(request, "Limit")) limit = static_cast<int>(IntegerOf(*l));  // validated 1..1000; may be a decimal
  double now = ctx.store.NowMs();
  if (now - it.issued_ms > kShardIteratorLifetimeMs)
    return Status::ExpiredIterator("Iterator expired. The iterator was created at time " + JavaDateText(it.issued_ms) +
                                   " while right now it is " + JavaDateText(now) +
                                   " which is further in the future than the tolerated delay of 900000 milliseconds.");
  StreamInfo s;
  if (!FindStreamByArn(ctx.store, it.stream_arn, &s))
    return Status::ResourceNotFound("Requested resource not found: Stream: " + it.stream_arn + " not found");
  if (it.position != 0 && it.position <= s.trimmed_through)
    return Status::TrimmedDataAccess("The data you are trying to access has been trimmed.");

  uint64_t next = std::max<uint64_t>(it.position, s.start_seq);
  std::vector<KeyValue> batch =
      ctx.store.Scan(StreamRecordKey(s.id, next), PrefixEnd(StreamRecordPrefix(s.id)), false, limit);
  WriteKey(out, "Records");
  out.StartArray();
  size_t bytes = 0, taken = 0;
  for (const KeyValue& kv : batch) {
    if (bytes > 0 && bytes + kv.value.size() > kMaxResponseBytes) break;
    ++taken;
    bytes += kv.value.size();
    out.RawValue(kv.value.data(), kv.value.size(), rapidjson::kObjectType);
    uint64_t seq = 0;
    for (size_t b = kv.key.size() - 8; b < kv.key.size(); ++b) seq = (seq << 8) | static_cast<uint8_t>(kv.key[b]);
    next = seq + 1;
  }
  out.EndArray();
  // A closed shard read to its end has nothing more to give: no NextShardIterator.
  bool at_end = taken == batch.size() && static_cast<int>(batch.size()) < limit;
  if (s.enabled || !at_end) {
    it.position = next;
    it.issued_ms = now;
    WriteKey(out, "NextShardIterator");
    WriteString(out, EncodeShardIterator(it));
  }
  return Status::OK();
}

}  // namespace dodb::ops
