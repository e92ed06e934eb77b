/**
 * What the ecosystem scenarios (ElectroDB, dynamodb-toolbox, @mastra/dynamodb run unmodified over
 * the in-process client) share: a target wrapper that records the requests the engine refused, a
 * context with a real DynamoDBClient and DocumentClient, and a runner that reports each case as
 * {name, ok, error, refused} so a failure names the request (operation + JSON) that triggered it.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EngineResponse, OperationTarget } from "../../js/engine/types.js";
import { createInProcessClient } from "../../js/sdk/request-handler.js";

/** One request the engine answered with a non-200 status. */
export interface RefusedRequest {
  op: string;
  request: string;
  status: number;
  response: string;
}

/** Passes every operation to target and keeps the ones that were refused (status != 200). */
export class RecordingTarget implements OperationTarget {
  readonly refused: RefusedRequest[] = [];
  readonly #target: OperationTarget;
  readonly #decoder = new TextDecoder();

  constructor(target: OperationTarget) {
    this.#target = target;
  }

  async handle(op: string, body: string | Uint8Array): Promise<EngineResponse> {
    const result = await this.#target.handle(op, body);
    if (result.status !== 200) {
      const request = typeof body === "string" ? body : this.#decoder.decode(body);
      this.refused.push({ op, request, status: result.status, response: result.body });
    }
    return result;
  }
}

export interface EcoContext {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /** Unique per run: table names start with it. */
  prefix: string;
  recorder: RecordingTarget;
}

export interface EcoCase {
  name: string;
  run(ctx: EcoContext): Promise<void>;
}

export interface EcoResult {
  name: string;
  ok: boolean;
  error?: string;
  /** Requests the engine refused during the case (expected refusals included), when it failed. */
  refused?: RefusedRequest[];
}

export function makeEcoContext(target: OperationTarget, prefix: string): EcoContext {
  const recorder = new RecordingTarget(target);
  const client = createInProcessClient(recorder);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, doc, prefix, recorder };
}

/** Runs cases in order (later cases may use what earlier ones wrote), each reported separately. */
export async function runEcoCases(cases: readonly EcoCase[], ctx: EcoContext): Promise<EcoResult[]> {
  const results: EcoResult[] = [];
  for (const c of cases) {
    const before = ctx.recorder.refused.length;
    try {
      await c.run(ctx);
      results.push({ name: c.name, ok: true });
    } catch (e) {
      results.push({
        name: c.name,
        ok: false,
        error: describeError(e),
        refused: ctx.recorder.refused.slice(before).slice(-5),
      });
    }
  }
  return results;
}

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? ` (cause: ${cause.name}: ${cause.message})` : "";
  return `${e.name}: ${e.message}${causeText}\n${e.stack?.split("\n").slice(1, 6).join("\n") ?? ""}`;
}

/** Rejects unless promise rejects; returns the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection, got success");
    },
    (e: unknown) => e,
  );
}
