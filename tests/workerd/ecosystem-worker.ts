/**
 * The Worker for the ecosystem tests: libraries users bring (ElectroDB, dynamodb-toolbox v2,
 * @mastra/dynamodb), bundled unmodified, run inside a Durable Object against its own engine through
 * the in-process client. GET /__test/eco/<suite>/<db>?prefix=... answers [{name, ok, error, refused}].
 * GET /__test/eco-4-shards/<suite>/<db> runs them in the Worker through the shard router instead
 * (js/shard/), every table the libraries create spread over 4 Durable Objects.
 */
import { DynamoDBDurableObject as Base } from "../../js/do/durable-object.js";
import { shardedDatabase } from "../../js/shard/sharded-databases.js";
import { drainingTarget } from "./drain-outbox.js";
import { makeEcoContext, runEcoCases, type EcoCase, type EcoResult } from "../scenarios/ecosystem-common.js";
import { ELECTRODB_CASES } from "../scenarios/ecosystem-electrodb.js";
import { MASTRA_CASES } from "../scenarios/ecosystem-mastra.js";
import { TOOLBOX_CASES } from "../scenarios/ecosystem-toolbox.js";

interface Env {
  DYNAMODB: DurableObjectNamespace<DynamoDBDurableObject>;
}

const SUITES: Record<string, readonly EcoCase[]> = {
  electrodb: ELECTRODB_CASES,
  toolbox: TOOLBOX_CASES,
  mastra: MASTRA_CASES,
};

export class DynamoDBDurableObject extends Base<Env> {
  /** Runs one suite's cases in order on this object's engine. */
  runSuite(suite: string, prefix: string): Promise<EcoResult[]> {
    const cases = SUITES[suite];
    if (!cases) throw new Error(`unknown suite ${suite}`);
    return runEcoCases(cases, makeEcoContext(this.engine, prefix));
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const [, scope, action, suite = "", db = "default"] = url.pathname.split("/");
    if (scope !== "__test" || !(suite in SUITES)) return new Response("unknown test route\n", { status: 404 });
    const prefix = url.searchParams.get("prefix") ?? "eco";
    if (action === "eco-4-shards")
      return Response.json(await runEcoCases(SUITES[suite]!, makeEcoContext(drainingTarget(shardedDatabase(env.DYNAMODB, db, { shards: 4 }), env.DYNAMODB, db), prefix)));
    if (action !== "eco") return new Response("unknown test route\n", { status: 404 });
    const stub = env.DYNAMODB.get(env.DYNAMODB.idFromName(db));
    return Response.json(await stub.runSuite(suite, prefix));
  },
} satisfies ExportedHandler<Env>;
