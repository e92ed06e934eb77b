/**
 * PartiQL over shards (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction): the engine
 * translates the statements into the operations' requests (the internal "@PartiQL", a pure step
 * on the database's object, which holds every table's definition: wasm/src/ops/partiql_step.cc);
 * the router sends those requests through its own routing, as a client's (a Query to its shard, a
 * Scan to every shard, a transaction in two rounds when its items are on several objects); the
 * engine then shapes PartiQL's response from their answers. Nothing here knows PartiQL.
 */
import type { EngineResponse } from "../engine/types.js";
import type { ShardContext } from "./shard-context.js";

type Send = (op: string, body: string) => Promise<EngineResponse>;
interface PlannedRequest { Operation: string; Body: unknown }

export async function partiqlOverShards(ctx: ShardContext, op: string, request: unknown, send: Send): Promise<EngineResponse> {
  const home = ctx.home();
  const phase = (responses?: unknown[]) =>
    home.routerHandle("@PartiQL", JSON.stringify({ Operation: op, Request: request, ...(responses ? { Responses: responses } : {}) }));
  const plan = await phase();
  if (plan.status !== 200) return plan;
  const { Requests } = JSON.parse(plan.body) as { Requests: (PlannedRequest | null)[] };
  // A batch's statements are independent; a single statement or a transaction is one request.
  const responses = await Promise.all(Requests.map(async (step) => {
    if (!step) return null;
    const answer = await send(step.Operation, JSON.stringify(step.Body));
    return { Status: answer.status, Body: JSON.parse(answer.body) as unknown };
  }));
  return phase(responses);
}
