// Planning PartiQL requests: validation of ExecuteStatement, BatchExecuteStatement and
// ExecuteTransaction (their AWS models), then one translated request per statement.
#include "ops/partiql_plan.h"

#include "partiql/partiql_parser.h"
#include "partiql/partiql_translate.h"
#include "request/request_fields.h"
#include "request/validation.h"
#include "util/base64.h"

namespace dodb {
namespace {

using partiql::StatementKind;

constexpr Field kStatementField = Field{"Statement", Kind::String}.Required().MinLength(1).MaxLength(8192);
constexpr Field kParametersField = Field{"Parameters", Kind::AttributeValueList}.MinLength(1);
constexpr Field kOnConditionFailureField = kReturnValuesOnConditionCheckFailureField;

constexpr Field kExecuteStatementFields[] = {
    kStatementField, kParametersField, kConsistentReadField,
    Field{"NextToken", Kind::String}.MinLength(1).MaxLength(32768), kReturnConsumedCapacityField,
    Field{"Limit", Kind::Integer}.MinValue(1), kOnConditionFailureField,
};
constexpr Field kBatchStatementMembers[] = {kStatementField, kParametersField, kConsistentReadField, kOnConditionFailureField};
constexpr Field kBatchFields[] = {
    StructField("Statements", Kind::StructList, kBatchStatementMembers, "BatchStatementRequest", true).MinLength(1).MaxLength(25),
    kReturnConsumedCapacityField,
};
constexpr Field kTransactionStatementMembers[] = {kStatementField, kParametersField, kOnConditionFailureField};
constexpr Field kTransactionFields[] = {
    StructField("TransactStatements", Kind::StructList, kTransactionStatementMembers, "ParameterizedStatement", true)
        .MinLength(1).MaxLength(100),
    Field{"ClientRequestToken", Kind::String}.MinLength(1).MaxLength(36), kReturnConsumedCapacityField,
};

// One statement of the request, parsed and translated against its table's definition.
Status PlanStatement(const OperationContext& ctx, const JsonValue& entry, partiql::Mode mode, const JsonValue& request,
                     PartiqlStep* step, partiql::Translated* translated) {
  partiql::Statement statement;
  DODB_RETURN_IF_ERROR(partiql::ParseStatement(StringOf(entry["Statement"]), &statement));
  step->kind = statement.kind;
  step->table = statement.table;
  partiql::Options options;
  options.parameters = Member(entry, "Parameters");
  DODB_RETURN_IF_ERROR(partiql::CheckParameterCount(statement, options.parameters));
  TableInfo table;
  DODB_RETURN_IF_ERROR(LoadTable(ctx, statement.table, &table));
  const JsonValue* consistent = Member(entry, "ConsistentRead");
  options.consistent_read = consistent && consistent->GetBool();
  options.return_values_on_condition_check_failure = StringOr(entry, "ReturnValuesOnConditionCheckFailure", "");
  options.return_consumed_capacity = StringOr(request, "ReturnConsumedCapacity", "");
  if (const JsonValue* limit = Member(entry, "Limit")) options.limit = limit->GetInt64();
  std::string start;
  if (const JsonValue* token = Member(entry, "NextToken")) {
    JsonDocument key;
    if (!Base64Decode(StringOf(*token), &start) || key.Parse(start.data(), start.size()).HasParseError() || !key.IsObject())
      return Status::Validation("Invalid NextToken");
    options.exclusive_start_key = start;
  }
  return partiql::Translate(statement, table, mode, options, translated);
}

bool IsRead(StatementKind kind) { return kind == StatementKind::kSelect; }

Status PlanTransaction(const OperationContext& ctx, const JsonValue& request, PartiqlPlan* plan) {
  const JsonValue& statements = request["TransactStatements"];
  std::string items;
  bool reads = false, writes = false;
  for (const JsonValue& entry : statements.GetArray()) {
    PartiqlStep step;
    partiql::Translated action;
    DODB_RETURN_IF_ERROR(PlanStatement(ctx, entry, partiql::Mode::kTransaction, request, &step, &action));
    (IsRead(step.kind) ? reads : writes) = true;
    plan->kinds.push_back(step.kind);
    items += (items.empty() ? "{\"" : ",{\"") + action.operation + "\":" + action.body + "}";
  }
  if (reads && writes) return Status::Validation("Unsupported operation in transaction.");
  PartiqlStep step;
  step.operation = reads ? "TransactGetItems" : "TransactWriteItems";
  JsonWriter w;
  w.StartObject();
  w.Key("TransactItems");
  w.RawValue(("[" + items + "]").data(), items.size() + 2, rapidjson::kArrayType);
  if (const JsonValue* token = Member(request, "ClientRequestToken"); token && writes) {
    w.Key("ClientRequestToken");
    w.String(StringOf(*token));
  }
  if (const JsonValue* rcc = Member(request, "ReturnConsumedCapacity")) {
    w.Key("ReturnConsumedCapacity");
    w.String(StringOf(*rcc));
  }
  w.EndObject();
  step.body = w.Take();
  plan->steps.push_back(std::move(step));
  return Status::OK();
}

}  // namespace

Status PlanPartiql(const OperationContext& ctx, std::string_view api, const JsonValue& request, PartiqlPlan* plan) {
  plan->api = api;
  plan->steps.clear();
  if (api == "ExecuteTransaction") {
    DODB_RETURN_IF_ERROR(ValidateRequest(request, kTransactionFields));
    return PlanTransaction(ctx, request, plan);
  }
  if (api == "BatchExecuteStatement") {
    DODB_RETURN_IF_ERROR(ValidateRequest(request, kBatchFields));
    for (const JsonValue& entry : request["Statements"].GetArray()) {
      PartiqlStep step;
      partiql::Translated translated;
      step.error = PlanStatement(ctx, entry, partiql::Mode::kBatch, request, &step, &translated);
      step.operation = std::move(translated.operation);
      step.body = std::move(translated.body);
      plan->steps.push_back(std::move(step));
    }
    return Status::OK();
  }
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kExecuteStatementFields));
  PartiqlStep step;
  partiql::Translated translated;
  DODB_RETURN_IF_ERROR(PlanStatement(ctx, request, partiql::Mode::kStatement, request, &step, &translated));
  step.operation = std::move(translated.operation);
  step.body = std::move(translated.body);
  plan->steps.push_back(std::move(step));
  return Status::OK();
}

}  // namespace dodb
