// Query: the items of one partition (of the table or a secondary index) in sort-key order,
// selected by a key condition (KeyConditionExpression, or legacy KeyConditions) that becomes a
// single store range, then filtered, projected and paged by read_page.h.
#include "ops/query.h"

#include "format/key_codec.h"
#include "request/key_condition.h"
#include "request/shard_guard.h"
#include "format/keyspace.h"
#include "request/operation.h"
#include "request/read_common.h"
#include "request/request_fields.h"
#include "storage/table_catalog.h"

namespace dodb::ops {
namespace {

const Field kFields[] = {
    kTableNameField,
    Field{"IndexName", Kind::String}.NamePattern().MinLength(3).MaxLength(255),
    EnumField("Select", "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"),
    kReturnConsumedCapacityField,
    kConditionalOperatorField,
    Field{"AttributesToGet", Kind::StringList}.MinLength(1).MaxLength(255),
    Field{"Limit", Kind::Integer}.MinValue(1),
    StructField("KeyConditions", Kind::StructMap, kConditionMapMembers, "Condition"),
    StructField("QueryFilter", Kind::StructMap, kConditionMapMembers, "Condition"),
    kExclusiveStartKeyField,
    kConsistentReadField,
    Field{"ScanIndexForward", Kind::Boolean},
    Field{"KeyConditionExpression", Kind::String},
    kFilterExpressionField,
    kProjectionExpressionField,
    kExpressionAttributeNamesField,
    kExpressionAttributeValuesField,
};

// A Query filter may not name the queried key attributes (dynalite test/query.js:1806).
Status CheckFilterAvoidsKeys(const Condition& c, const KeySchemaView& schema, bool legacy) {
  for (const Condition& child : c.children) DODB_RETURN_IF_ERROR(CheckFilterAvoidsKeys(child, schema, legacy));
  for (const Operand& op : c.operands) {
    const Operand* o = op.kind == Operand::Kind::kSize ? &op.args[0] : &op;
    if (o->kind != Operand::Kind::kPath) continue;
    const std::string& name = o->path.elements[0].name;
    for (const auto* keys : {&schema.hash_keys, &schema.range_keys})
      for (const KeyAttribute& k : *keys)
        if (k.name == name)
          return Status::Validation(std::string(legacy ? "QueryFilter" : "Filter Expression") +
                                    " can only contain non-primary key attributes: Primary key attribute: " + name);
  }
  return Status::OK();
}

}  // namespace

Status CheckQueryShape(const JsonValue& request) { return ValidateRequest(request, kFields); }

Status Query(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(CheckTypes(request, kFields, std::size(kFields)));
  // Query reports a Limit below 1 without the value and with a capital L (2026 captures:
  // nubo-db/dynamodb-conformance tier3/error-messages/query.test.ts:127); Scan does not.
  if (const JsonValue* limit = Member(request, "Limit"); limit && limit->GetDouble() < 1)
    return Status::Validation(
        "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater "
        "than or equal to 1");
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kFields));
  // KeyConditions only counts as a legacy parameter next to KeyConditionExpression
  // (dynalite test/query.js:242-258).
  if (Member(request, "KeyConditionExpression"))
    DODB_RETURN_IF_ERROR(CheckNoMixedParameters(request, {"AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"},
                                                {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"}));
  else
    DODB_RETURN_IF_ERROR(CheckNoMixedParameters(request, {"AttributesToGet", "QueryFilter", "ConditionalOperator"},
                                                {"ProjectionExpression", "FilterExpression"}));
  DODB_RETURN_IF_ERROR(CheckPlaceholdersHaveExpressions(
      request, {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"},
      {"FilterExpression", "KeyConditionExpression"}));
  ReadParameters params;
  params.is_query = true;
  DODB_RETURN_IF_ERROR(ReadRequestChecks(request, "QueryFilter", &params));
  const JsonValue* key_expression = Member(request, "KeyConditionExpression");
  const JsonValue* key_conditions = Member(request, "KeyConditions");
  if (!key_expression && !key_conditions)
    return Status::Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
  ExpressionContext expressions;
  DODB_RETURN_IF_ERROR(expressions.Init(request));
  std::vector<KeyPredicate> predicates;
  if (key_expression) {
    Condition c;
    DODB_RETURN_IF_ERROR(expressions.PrepareCondition("KeyConditionExpression", StringOf(*key_expression), &c));
    DODB_RETURN_IF_ERROR(PrepareReadExpressions(request, &expressions, &params));
    DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());
    DODB_RETURN_IF_ERROR(KeyPredicatesFromExpression(c, &predicates));
  } else {
    DODB_RETURN_IF_ERROR(PrepareReadExpressions(request, &expressions, &params));
    DODB_RETURN_IF_ERROR(expressions.CheckAllUsed());
    DODB_RETURN_IF_ERROR(KeyPredicatesFromLegacy(*key_conditions, &predicates));
  }

  if (!Member(request, "IndexName") && predicates.size() > 2)
    return Status::Validation("Conditions can be of length 1 or 2 only");
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, StringOf(request["TableName"]), &table));
  ReadRequest read;
  bool legacy_filter = Member(request, "QueryFilter") != nullptr;
  std::optional<AttributeMap> esk = std::move(params.exclusive_start_key);
  DODB_RETURN_IF_ERROR(ResolveReadTarget(request, table, &params, &read));
  KeySchemaView schema;
  std::string prefix;
  if (read.index) {
    schema.hash_keys = read.index->hash_keys;
    schema.range_keys = read.index->range_keys;
    prefix = IndexPrefix(read.index->id);
  } else {
    schema.hash_keys = {table.hash_key};
    if (table.range_key) schema.range_keys = {*table.range_key};
    prefix = ItemPrefix(table.id);
  }
  std::string start_key;
  if (esk) DODB_RETURN_IF_ERROR(ExclusiveStartStorageKey(table, read.index, *esk, false, &start_key));
  std::string partition;
  DODB_RETURN_IF_ERROR(KeyRangeFor(predicates, schema, prefix, &read.start, &read.end, &partition));
  // A router's map older than a split: the partition (a GSI's: the range the router named) is not here.
  DODB_RETURN_IF_ERROR(read.index && read.index->global ? CheckServesRange(ctx, table, request)
                                                        : CheckServesPartition(ctx, table, partition));
  if (read.filter) DODB_RETURN_IF_ERROR(CheckFilterAvoidsKeys(*read.filter, schema, legacy_filter));
  const JsonValue* forward = Member(request, "ScanIndexForward");
  read.reverse = forward && !forward->GetBool();
  if (const JsonValue* limit = Member(request, "Limit")) read.limit = IntegerOf(*limit);
  // Internal, from the shard router: a GSI Query merged over shards (docs/SCALING.md).
  if (const JsonValue* p = ctx.from_router ? Member(request, "@Positions") : nullptr; p && p->IsBool())
    read.report_positions = p->GetBool();
  if (esk) {
    // The range predicate is checked first (dynalite test/query.js:1702-1787).
    bool range_condition = false;
    for (const KeyPredicate& p : predicates)
      for (const KeyAttribute& k : schema.range_keys)
        if (k.name == p.attribute) {
          range_condition = true;
          if (!KeyPredicateHolds(p, *FindAttribute(*esk, k.name)))
            return Status::Validation("The provided starting key does not match the range key predicate");
        }
    std::string esk_partition;
    for (const KeyAttribute& k : schema.hash_keys) AppendKeyValue(*FindAttribute(*esk, k.name), &esk_partition);
    if (esk_partition != partition)
      return Status::Validation(range_condition
                                    ? "The query can return at most one row and cannot be restarted"
                                    : "The provided starting key is outside query boundaries based on provided conditions");
    if (read.reverse) {
      if (start_key < read.end) read.end = start_key;
    } else {
      start_key.push_back('\0');
      if (start_key > read.start) read.start = start_key;
    }
  }
  return ReadPage(ctx.store, read, out);
}

}  // namespace dodb::ops
