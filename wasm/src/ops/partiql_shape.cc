// Running and shaping PartiQL requests: each planned step through the operation table, then
// PartiQL's response from the operations' answers (ops/partiql_plan.h).
#include <cstring>

#include "ops/operations.h"
#include "ops/partiql_plan.h"
#include "util/base64.h"

namespace dodb {
namespace {

using partiql::StatementKind;

void WriteMemberIf(JsonWriter& out, const JsonValue& body, std::string_view name) {
  if (const JsonValue* v = Member(body, name)) {
    out.Key(name);
    v->Accept(out);
  }
}

std::string ToJson(const JsonValue& v) {
  JsonWriter w;
  v.Accept(w);
  return w.Take();
}

// BatchStatementError's Code for an error type: its name without "Exception" (ValidationError for
// ValidationException, as DynamoDB spells it).
std::string ErrorCode(const std::string& type) {
  if (type == "ValidationException") return "ValidationError";
  constexpr std::string_view kSuffix = "Exception";
  if (type.size() > kSuffix.size() && type.compare(type.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0)
    return type.substr(0, type.size() - kSuffix.size());
  return type;
}

// The error an INSERT's failed attribute_not_exists condition stands for.
Status StatementError(const Status& s, StatementKind kind) {
  if (kind == StatementKind::kInsert && s.type() == "ConditionalCheckFailedException") return Status::DuplicateItem();
  return s;
}

// Adds the numbers of `add` into `sum` (same shape: ConsumedCapacity objects of one table).
void AddNumbers(JsonValue& sum, const JsonValue& add, JsonDocument::AllocatorType& a) {
  for (auto m = add.MemberBegin(); m != add.MemberEnd(); ++m) {
    JsonValue* mine = const_cast<JsonValue*>(FindMemberValue(sum, StringOf(m->name)));
    if (!mine) sum.AddMember(JsonValue(m->name, a), JsonValue(m->value, a), a);
    else if (mine->IsNumber() && m->value.IsNumber()) mine->SetDouble(mine->GetDouble() + m->value.GetDouble());
    else if (mine->IsObject() && m->value.IsObject()) AddNumbers(*mine, m->value, a);
  }
}

// The batch's ConsumedCapacity: one entry per table, its statements' capacity added up.
void WriteBatchCapacity(const std::vector<StepAnswer>& answers, JsonWriter& out) {
  JsonDocument tables(rapidjson::kArrayType);
  auto& a = tables.GetAllocator();
  for (const StepAnswer& answer : answers) {
    const JsonValue* c = answer.status.ok() && answer.body.IsObject() ? Member(answer.body, "ConsumedCapacity") : nullptr;
    if (!c || !c->IsObject()) continue;
    const JsonValue* name = Member(*c, "TableName");
    JsonValue* same = nullptr;
    for (JsonValue& t : tables.GetArray())
      if (name && Member(t, "TableName") && *Member(t, "TableName") == *name) same = &t;
    if (same) AddNumbers(*same, *c, a);
    else tables.PushBack(JsonValue(*c, a), a);
  }
  if (tables.Empty()) return;
  out.Key("ConsumedCapacity");
  tables.Accept(out);
}

Status ShapeStatement(const PartiqlStep& step, const StepAnswer& answer, JsonWriter& out) {
  if (!answer.status.ok()) return StatementError(answer.status, step.kind);
  const JsonValue& body = answer.body;
  out.Key("Items");
  if (const JsonValue* items = Member(body, "Items")) {
    items->Accept(out);
  } else {
    out.StartArray();
    if (const JsonValue* attributes = Member(body, "Attributes")) attributes->Accept(out);
    out.EndArray();
  }
  if (const JsonValue* last = Member(body, "LastEvaluatedKey")) {
    out.Key("NextToken");
    out.String(Base64Encode(ToJson(*last)));
  }
  WriteMemberIf(out, body, "ConsumedCapacity");
  WriteMemberIf(out, body, "LastEvaluatedKey");
  return Status::OK();
}

void ShapeBatch(const PartiqlPlan& plan, const std::vector<StepAnswer>& answers, JsonWriter& out) {
  out.Key("Responses");
  out.StartArray();
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PartiqlStep& step = plan.steps[i];
    Status error = step.error.ok() ? StatementError(answers[i].status, step.kind) : step.error;
    out.StartObject();
    if (!error.ok()) {
      out.Key("Error");
      out.StartObject();
      out.Key("Code");
      out.String(ErrorCode(error.type()));
      out.Key("Message");
      out.String(error.message());
      if (!error.extra_json().empty()) {
        JsonDocument extra;
        std::string text = "{" + error.extra_json() + "}";
        if (!extra.Parse(text.data(), text.size()).HasParseError()) WriteMemberIf(out, extra, "Item");
      }
      out.EndObject();
    }
    if (!step.table.empty() && (error.ok() || error.type() != "ResourceNotFoundException")) {
      out.Key("TableName");
      out.String(step.table);
    }
    if (error.ok()) WriteMemberIf(out, answers[i].body, "Item");
    out.EndObject();
  }
  out.EndArray();
  WriteBatchCapacity(answers, out);
}

// A cancelled transaction: an INSERT's failed condition is DuplicateItem, in the reasons and in
// the message's list of codes.
Status ShapeCancelled(const PartiqlPlan& plan, const Status& s) {
  JsonDocument extra;
  std::string text = "{" + s.extra_json() + "}";
  if (extra.Parse(text.data(), text.size()).HasParseError() || !Member(extra, "CancellationReasons")) return s;
  JsonValue& reasons = extra["CancellationReasons"];
  std::string codes;
  for (SizeType i = 0; i < reasons.Size(); ++i) {
    JsonValue& r = reasons[i];
    const JsonValue* code = Member(r, "Code");
    if (code && StringOf(*code) == "ConditionalCheckFailed" && i < plan.kinds.size() && plan.kinds[i] == StatementKind::kInsert) {
      r["Code"].SetString("DuplicateItem");
      if (r.HasMember("Message")) r["Message"].SetString("Duplicate primary key exists in table");
    }
    codes += (i ? ", " : "") + std::string(code ? StringOf(r["Code"]) : "None");
  }
  std::string message = s.message();
  size_t open = message.find('[');
  if (open != std::string::npos) message = message.substr(0, open) + "[" + codes + "]";
  Status shaped = Status::TransactionCanceled(message);
  std::string members = ToJson(extra);
  shaped.set_extra_json(members.substr(1, members.size() - 2));
  return shaped;
}

Status ShapeTransaction(const PartiqlPlan& plan, const StepAnswer& answer, JsonWriter& out) {
  if (answer.status.type() == "TransactionCanceledException") return ShapeCancelled(plan, answer.status);
  if (!answer.status.ok()) return answer.status;
  WriteMemberIf(out, answer.body, "Responses");
  WriteMemberIf(out, answer.body, "ConsumedCapacity");
  return Status::OK();
}

// Runs one step's request through the operation table, as a client's request of it.
void RunStep(OperationContext& ctx, const PartiqlStep& step, StepAnswer* answer) {
  const Operation* op = FindOperation(step.operation);
  JsonDocument request;
  request.Parse(step.body.data(), step.body.size());
  JsonWriter out;
  out.StartObject();
  answer->status = op ? op->run(ctx, request, out) : Status::Internal("no operation " + step.operation);
  if (!answer->status.ok()) return;
  out.EndObject();
  std::string text = out.Take();
  answer->body.Parse(text.data(), text.size());
}

}  // namespace

Status ShapePartiql(const PartiqlPlan& plan, const JsonValue& request, const std::vector<StepAnswer>& answers,
                    JsonWriter& out) {
  if (answers.size() != plan.steps.size()) return Status::Internal("PartiQL: one answer per step expected");
  if (plan.api == "BatchExecuteStatement") {
    ShapeBatch(plan, answers, out);
    return Status::OK();
  }
  if (plan.api == "ExecuteTransaction") return ShapeTransaction(plan, answers[0], out);
  return ShapeStatement(plan.steps[0], answers[0], out);
}

Status RunPartiql(OperationContext& ctx, std::string_view api, const JsonValue& request, JsonWriter& out) {
  PartiqlPlan plan;
  DODB_RETURN_IF_ERROR(PlanPartiql(ctx, api, request, &plan));
  std::vector<StepAnswer> answers(plan.steps.size());
  for (size_t i = 0; i < plan.steps.size(); ++i)
    if (plan.steps[i].error.ok()) RunStep(ctx, plan.steps[i], &answers[i]);
  return ShapePartiql(plan, request, answers, out);
}

}  // namespace dodb
