// partiql_plan.h: PartiQL's three operations (ExecuteStatement, BatchExecuteStatement,
// ExecuteTransaction) as plan -> run -> shape. Planning is pure (it reads table definitions only):
// each statement becomes the request of an existing operation (partiql/partiql_translate.h).
// Running sends those requests through the operation table, as if a client had sent them; the
// shard router runs them through its own routing instead (the internal "@PartiQL" operation,
// ops/partiql_step.cc, js/shard/sharded-database.ts). Shaping turns their answers into PartiQL's
// response (Items, NextToken, Responses, DuplicateItemException, ...). So PartiQL's reads and
// writes are the operations' own, on one object and on a table spread over several.
#ifndef DODB_OPS_PARTIQL_PLAN_H_
#define DODB_OPS_PARTIQL_PLAN_H_

#include <string>
#include <string_view>
#include <vector>

#include "partiql/partiql_ast.h"
#include "request/operation.h"
#include "util/json.h"

namespace dodb {

struct PartiqlStep {
  Status error;                // the statement's own error (a batch answers it in its entry)
  std::string table;
  partiql::StatementKind kind = partiql::StatementKind::kSelect;
  std::string operation;       // the operation to run ("Query", "PutItem", "TransactWriteItems")
  std::string body;            // its request (JSON)
};

struct PartiqlPlan {
  std::string_view api;        // "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"
  std::vector<PartiqlStep> steps;
  std::vector<partiql::StatementKind> kinds;  // ExecuteTransaction: each statement's kind
};

// One step's answer: an error, or the operation's 200 response.
struct StepAnswer {
  Status status;
  JsonDocument body;
};

// Validates the request (api's fields) and plans it. An error here answers the whole request.
Status PlanPartiql(const OperationContext& ctx, std::string_view api, const JsonValue& request, PartiqlPlan* plan);

// Writes api's response members from the steps' answers (answers[i] is steps[i]'s; a step with an
// error has none), or returns the error that answers the request.
Status ShapePartiql(const PartiqlPlan& plan, const JsonValue& request, const std::vector<StepAnswer>& answers,
                    JsonWriter& out);

// Plan, run each step through the operation table, shape: the operations' entry point.
Status RunPartiql(OperationContext& ctx, std::string_view api, const JsonValue& request, JsonWriter& out);

}  // namespace dodb

#endif  // DODB_OPS_PARTIQL_PLAN_H_
