// BatchGetItem: up to 100 keys over any tables, each table with its own projection and
// consistency. Every table appears in Responses ([] when nothing is found); keys past the 16 MB
// response limit come back in UnprocessedKeys, with the table's other parameters.
#include <algorithm>

#include "request/shard_guard.h"
#include "request/capacity.h"
#include "expr/expression_resolver.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "request/operation.h"
#include "expr/projection.h"
#include "request/request_fields.h"
#include "storage/stored_item.h"
#include "request/transaction.h"

namespace dodb::ops {
namespace {

constexpr int kMaxKeys = 100;
constexpr size_t kMaxResponseBytes = 16 * 1024 * 1024;
const Field kFields[] = {kReturnConsumedCapacityField};
const Field kTableFields[] = {
    RequiredField("Keys", Kind::AttributeValueList).MinLength(1).MaxLength(100),
    Field{"AttributesToGet", Kind::StringList}.MinLength(1).MaxLength(255),
    kConsistentReadField,
    kProjectionExpressionField,
    kExpressionAttributeNamesField,
};

struct TableRead {
  std::string_view name;
  const JsonValue* spec;
  TableInfo table;
  std::vector<AttributeMap> keys;
  std::optional<std::vector<Path>> projection;
};

}  // namespace

Status BatchGetItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  if (const JsonValue* check = ctx.from_router ? Member(request, "@Directory") : nullptr; check && check->IsBool() && check->GetBool())
    ctx.unguarded = true;
  const JsonValue* items = Member(request, "RequestItems");
  // A list where the map belongs names the map's type (dynalite validations/index.js 'Map' case,
  // asserted against DynamoDB by its test/helpers.js assertType).
  if (items && items->IsArray())
    return Status::Serialization("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.KeysAndAttributes>");
  if (items && !items->IsObject()) return Status::Serialization("Unexpected field type");
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  if (!items) return Status::Validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  if (items->MemberCount() == 0) return Status::Validation("The requestItems parameter is required for BatchGetItem");
  DODB_RETURN_IF_ERROR(CheckRequestItemsTableNames(*items));
  std::vector<TableRead> reads;
  int total = 0;
  for (const auto& t : items->GetObject()) {
    if (!t.value.IsObject()) return Status::Serialization("Unexpected value type in payload");
    DODB_RETURN_IF_ERROR(CheckTypes(t.value, kTableFields, std::size(kTableFields)));
    // 2026 wording: no value shown, capitalised path (nubo-db/dynamodb-conformance
    // tier3/error-messages/batchGetItem.test.ts:23).
    if (const JsonValue* keys = Member(t.value, "Keys"); keys && keys->Size() > kMaxKeys)
      return Status::Validation("1 validation error detected: Value at 'RequestItems." + std::string(StringOf(t.name)) +
                                ".member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100");
    ConstraintErrors errors;
    CheckConstraints(t.value, kTableFields, std::size(kTableFields), "requestItems." + std::string(StringOf(t.name)) + ".member", &errors);
    DODB_RETURN_IF_ERROR(errors.ToStatus());
    total += static_cast<int>(t.value["Keys"].Size());
    reads.push_back(TableRead{StringOf(t.name), &t.value, {}, {}, {}});
  }
  if (total > kMaxKeys) return Status::Validation("Too many items requested for the BatchGetItem call");
  // AttributesToGet in one table and ProjectionExpression in another still mix the two styles
  // (nubo-db/dynoxide CHANGELOG, confirmed against DynamoDB).
  bool legacy = false, expression = false;
  for (const TableRead& r : reads) {
    legacy = legacy || Member(*r.spec, "AttributesToGet");
    expression = expression || Member(*r.spec, "ProjectionExpression");
  }
  if (legacy && expression)
    return Status::Validation(
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
        "{AttributesToGet} Expression parameters: {ProjectionExpression}");
  for (TableRead& r : reads) {
    const JsonValue& spec = *r.spec;
    DODB_RETURN_IF_ERROR(CheckNoMixedParameters(spec, {"AttributesToGet"}, {"ProjectionExpression"}));
    DODB_RETURN_IF_ERROR(CheckPlaceholdersHaveExpressions(spec, {"ProjectionExpression"}, {}));
    if (const JsonValue* names = Member(spec, "AttributesToGet")) {
      std::vector<Path> paths;
      DODB_RETURN_IF_ERROR(AttributesToGetPaths(*names, &paths));
      r.projection = std::move(paths);
    }
    ExpressionContext expressions;
    DODB_RETURN_IF_ERROR(expressions.Init(spec));
    if (const JsonValue* text = Member(spec, "ProjectionExpression")) {
      ProjectionExpression p;
      DODB_RETURN_IF_ERROR(expressions.PrepareProjection(StringOf(*text), &p));
      r.projection = std::move(p.paths);
    }
    DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());
    for (const JsonValue& k : spec["Keys"].GetArray()) {
      r.keys.emplace_back();
      DODB_RETURN_IF_ERROR(DecodeAttributeMap(k, 1, &r.keys.back()));
    }
    for (size_t i = 0; i < r.keys.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (r.keys[i] == r.keys[j]) return Status::Validation("Provided list of item keys contains duplicates");
  }
  for (TableRead& r : reads) {
    DODB_RETURN_IF_ERROR(LoadTable(ctx, r.name, &r.table));
    for (const AttributeMap& k : r.keys) DODB_RETURN_IF_ERROR(CheckRequestKey(r.table, k));
  }

  size_t response_bytes = 0;
  TableConsumption capacity;
  std::vector<std::pair<const TableRead*, std::vector<const AttributeMap*>>> unprocessed;
  WriteKey(out, "Responses");
  out.StartObject();
  for (const TableRead& r : reads) {
    WriteKey(out, r.name);
    out.StartArray();
    const JsonValue* consistent = Member(*r.spec, "ConsistentRead");
    double units = 0;
    std::vector<const AttributeMap*> left;
    for (const AttributeMap& k : r.keys) {
      if (response_bytes >= kMaxResponseBytes) {
        left.push_back(&k);
        continue;
      }
      std::optional<AttributeMap> item;
      const std::string item_key = ItemStorageKey(r.table, k);
      DODB_RETURN_IF_ERROR(CheckServesKey(ctx, r.table, item_key, false));
      DODB_RETURN_IF_ERROR(ReadStoredItem(ctx.store, item_key, &item));
      units += ReadUnits(item ? ItemSize(*item) : 0, consistent && consistent->GetBool());
      if (!item) continue;
      response_bytes += ItemSize(*item);
      if (r.projection) {
        std::vector<const Path*> paths;
        for (const Path& p : *r.projection) paths.push_back(&p);
        item = Project(*item, paths);
      }
      WriteAttributeMap(out, *item);
    }
    out.EndArray();
    capacity.emplace_back(r.table.name, units);
    if (!left.empty()) unprocessed.emplace_back(&r, std::move(left));
  }
  out.EndObject();
  WriteKey(out, "UnprocessedKeys");
  out.StartObject();
  for (const auto& [r, keys] : unprocessed) {
    WriteKey(out, r->name);
    out.StartObject();
    WriteKey(out, "Keys");
    out.StartArray();
    for (const AttributeMap* k : keys) WriteAttributeMap(out, *k);
    out.EndArray();
    for (const char* member : {"ConsistentRead", "ProjectionExpression", "AttributesToGet", "ExpressionAttributeNames"})
      if (const JsonValue* v = Member(*r->spec, member)) {
        WriteKey(out, member);
        v->Accept(out);
      }
    out.EndObject();
  }
  out.EndObject();
  std::string_view mode = StringOr(request, "ReturnConsumedCapacity", "NONE");
  if (mode == "TOTAL" || mode == "INDEXES") WriteConsumedCapacityList(out, mode, capacity);
  return Status::OK();
}

}  // namespace dodb::ops
