// @PartiQL (internal): PartiQL for the shard router, whose item requests must go through its own
// routing. {"Operation": <ExecuteStatement | BatchExecuteStatement | ExecuteTransaction>,
// "Request": {...}} answers the plan: {"Requests": [{"Operation", "Body"} | null, ...]} (null for a
// statement that failed to plan: it needs no request). The router sends those requests itself and
// asks again with "Responses": [{"Status": <HTTP status>, "Body": <response>} | null, ...] in
// the same order; the answer is then the PartiQL response, as ExecuteStatement ... answer it.
// Table definitions are read as the router's own requests read them (a spread table's too).
#include "ops/operations.h"
#include "ops/partiql_plan.h"

namespace dodb::ops {
namespace {

// A wire answer ({"__type": "ns#Type", "message": ...}) as the Status it was made from.
Status FromWireError(const JsonValue& body) {
  const JsonValue* type = body.IsObject() ? Member(body, "__type") : nullptr;
  if (!type || !type->IsString()) return Status::Internal("PartiQL: a step failed without an error type");
  std::string_view t = StringOf(*type);
  size_t hash = t.find('#');
  const JsonValue* message = Member(body, "message");
  if (!message) message = Member(body, "Message");
  Status s = Status::FromWire(std::string(hash == std::string_view::npos ? t : t.substr(hash + 1)),
                              message && message->IsString() ? std::string(StringOf(*message)) : "");
  JsonWriter extra;
  extra.StartObject();
  for (auto m = body.MemberBegin(); m != body.MemberEnd(); ++m) {
    std::string_view name = StringOf(m->name);
    if (name == "__type" || name == "message" || name == "Message") continue;
    extra.Key(name);
    m->value.Accept(extra);
  }
  extra.EndObject();
  std::string text = extra.Take();
  if (text.size() > 2) s.set_extra_json(text.substr(1, text.size() - 2));
  return s;
}

}  // namespace

Status PartiQL(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* api = Member(request, "Operation");
  const JsonValue* body = Member(request, "Request");
  if (!api || !api->IsString() || !body || !body->IsObject()) return Status::Validation("@PartiQL: Operation and Request expected");
  OperationContext router = ctx;
  router.from_router = true;  // the router reaches spread tables' definitions
  PartiqlPlan plan;
  DODB_RETURN_IF_ERROR(PlanPartiql(router, StringOf(*api), *body, &plan));
  const JsonValue* responses = Member(request, "Responses");
  if (!responses) {
    out.Key("Requests");
    out.StartArray();
    for (const PartiqlStep& step : plan.steps) {
      if (!step.error.ok()) {
        out.Null();
        continue;
      }
      out.StartObject();
      out.Key("Operation");
      out.String(step.operation);
      out.Key("Body");
      out.RawValue(step.body.data(), step.body.size(), rapidjson::kObjectType);
      out.EndObject();
    }
    out.EndArray();
    return Status::OK();
  }
  if (!responses->IsArray() || responses->Size() != plan.steps.size())
    return Status::Validation("@PartiQL: one response per request expected");
  std::vector<StepAnswer> answers(plan.steps.size());
  for (SizeType i = 0; i < responses->Size(); ++i) {
    const JsonValue& r = (*responses)[i];
    if (!r.IsObject() || !Member(r, "Body")) continue;
    const JsonValue& answer = r["Body"];
    const JsonValue* status = Member(r, "Status");
    if (status && status->IsInt() && status->GetInt() == 200) answers[i].body.CopyFrom(answer, answers[i].body.GetAllocator());
    else answers[i].status = FromWireError(answer);
  }
  return ShapePartiql(plan, *body, answers, out);
}

}  // namespace dodb::ops
