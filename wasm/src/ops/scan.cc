// Scan: every item of a table or secondary index, or one segment of a parallel scan (segments
// split the partition-key hash space, read_page.h), filtered, projected and paged by read_page.h.
#include <algorithm>

#include "request/validation.h"
#include "format/key_codec.h"
#include "format/keyspace.h"
#include "request/operation.h"
#include "request/read_common.h"
#include "request/shard_guard.h"
#include "request/request_fields.h"
#include "storage/table_catalog.h"

namespace dodb::ops {
namespace {

constexpr int64_t kMaxTotalSegments = 1000000;

const Field kFields[] = {
    Field{"AttributesToGet", Kind::StringList}.MinLength(1).MaxLength(255),
    kReturnConsumedCapacityField,
    Field{"Limit", Kind::Integer}.MinValue(1),
    Field{"TotalSegments", Kind::Integer}.MinValue(1).MaxValue(kMaxTotalSegments),
    EnumField("Select", "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"),
    kTableNameField,
    Field{"Segment", Kind::Integer}.MinValue(0).MaxValue(kMaxTotalSegments - 1),
    kConditionalOperatorField,
    Field{"IndexName", Kind::String}.NamePattern().MinLength(3).MaxLength(255),
    StructField("ScanFilter", Kind::StructMap, kConditionMapMembers, "Condition"),
    kExclusiveStartKeyField,
    kConsistentReadField,
    kFilterExpressionField,
    kProjectionExpressionField,
    kExpressionAttributeNamesField,
    kExpressionAttributeValuesField,
};

}  // namespace

Status Scan(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  const JsonValue* segment = Member(request, "Segment");
  const JsonValue* total = Member(request, "TotalSegments");
  if (segment && !total)
    return Status::Validation(
        "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
  if (total && !segment)
    return Status::Validation(
        "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
  if (segment && IntegerOf(*segment) >= IntegerOf(*total))
    return Status::Validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
                              std::to_string(IntegerOf(*segment)) + " is not less than TotalSegments: " +
                              std::to_string(IntegerOf(*total)));
  DODB_RETURN_IF_ERROR(CheckNoMixedParameters(request, {"AttributesToGet", "ScanFilter", "ConditionalOperator"},
                                              {"ProjectionExpression", "FilterExpression"}));
  DODB_RETURN_IF_ERROR(CheckPlaceholdersHaveExpressions(request, {"ProjectionExpression", "FilterExpression"},
                                                        {"FilterExpression"}));
  ReadParameters params;
  DODB_RETURN_IF_ERROR(ReadRequestChecks(request, "ScanFilter", &params));
  ExpressionContext expressions;
  DODB_RETURN_IF_ERROR(expressions.Init(request));
  DODB_RETURN_IF_ERROR(PrepareReadExpressions(request, &expressions, &params));
  DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());

  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(request["TableName"]), &table));
  DODB_RETURN_IF_ERROR(CheckServesRange(ctx, table, request));  // a router's map older than a split
  ReadRequest read;
  std::optional<AttributeMap> esk = std::move(params.exclusive_start_key);
  DODB_RETURN_IF_ERROR(ResolveReadTarget(request, table, &params, &read));
  read.start = read.index ? IndexPrefix(read.index->id) : ItemPrefix(table.id);
  read.end = PrefixEnd(read.start);
  if (segment) {
    read.segment = static_cast<uint32_t>(IntegerOf(*segment));
    read.total_segments = static_cast<uint32_t>(IntegerOf(*total));
  }
  if (const JsonValue* limit = Member(request, "Limit")) read.limit = IntegerOf(*limit);
  // Internal, from the shard router (docs/SCALING.md): what is left of the page's 1 MB.
  if (const JsonValue* budget = ctx.from_router ? Member(request, "@PageBytes") : nullptr; budget && budget->IsUint64()) {
    read.page_bytes = std::min<uint64_t>(std::max<uint64_t>(budget->GetUint64(), 1), kPageBytes);
    read.report_bytes = true;
  }
  // Internal, from the shard router: a range that split, read as one key order over its objects.
  if (const JsonValue* p = ctx.from_router ? Member(request, "@Positions") : nullptr; p && p->IsBool())
    read.report_positions = p->GetBool();
  if (esk) {
    std::string start_key;
    DODB_RETURN_IF_ERROR(ExclusiveStartStorageKey(table, read.index, *esk, true, &start_key));
    if (read.total_segments) {
      std::string partition;
      if (read.index) {
        for (const KeyAttribute& k : read.index->hash_keys) AppendKeyValue(*FindAttribute(*esk, k.name), &partition);
      } else {
        AppendKeyValue(*FindAttribute(*esk, table.hash_key.name), &partition);
      }
      if (SegmentOf(partition, read.total_segments) != read.segment)
        return Status::Validation(
            "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct "
            "Segment. TotalSegments: " + std::to_string(read.total_segments) + " Segment: " + std::to_string(read.segment));
    }
    start_key.push_back('\0');
    if (start_key > read.start) read.start = start_key;
  }
  return ReadPage(ctx.store, read, out);
}

}  // namespace dodb::ops
