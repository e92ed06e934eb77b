/**
 * TransactWriteItems and TransactGetItems whose items are on more than one object (docs/SCALING.md,
 * "Transactions over shards"). A transaction whose items are all on one object runs there, atomic
 * as on one object; this file handles the rest, with the engine's transaction phases
 * (wasm/src/ops/transaction_participant.cc, transaction_coordinator.cc):
 *
 * TransactWriteItems, "parallel commits" with the database's own object as coordinator: a
 * transaction has committed exactly when it is staged at the coordinator and every part prepared.
 *  1. at once: "@TxnStage" at the coordinator (with a ClientRequestToken, its hold first: a retry in
 *     flight is TransactionInProgressException; a retry of a committed one, within 10 minutes, does
 *     nothing), and "@TxnPrepare" on every object with the whole request and the places of its
 *     actions: each plans its actions as TransactWriteItems does and, if they all hold, locks their
 *     items and keeps its part; the answers combine as one object's would (the first action's
 *     error, the 4 MB total, one CancellationReason per action in order). Refused: the prepared
 *     parts are dropped and the staging removed ("@TxnAbort" without fence, "@TxnRelease").
 *  2. at once: "@TxnCommit" on every object and "@TxnDecide" COMMIT at the coordinator.
 * A lock outlives a router that died mid-way only until it expires (transactionTimeoutMs): the
 * object's alarm, or the next router that meets it, has the transaction decided
 * (transaction-resolution.ts) and ends its part that way; every part ends the same way.
 *
 * TransactGetItems: every object reads its Gets and marks them read ("@TxnRead"), all at once;
 * then "@TxnReadEnd" removes the marks, all at once, and says whether a write touched one
 * meanwhile. All marks intact: every item was as read at the moment the last read ended, so the
 * answer is one consistent view; otherwise TransactionCanceledException, TransactionConflict for
 * the Gets of the object that saw the write. An item locked by a transaction in flight is a
 * TransactionConflict reason, as in DynamoDB.
 */
import type { EngineResponse } from "../engine/types.js";
import { mergeConsumedCapacity } from "./merge.js";
import { resolveDecision } from "./transaction-resolution.js";
import type { ShardContext, ShardStub } from "./shard-context.js";

type Json = Record<string, unknown>;

/** One object's share of a transaction: the places of its actions in the request. */
export interface TransactionPart {
  key: string;       // "home" or "<table>/<shard>"
  object: string;    // the object's name (the coordinator finds its own namespace binding by it)
  stub: ShardStub;
  mine: number[];
}

const CANCELED = "com.amazonaws.dynamodb.v20120810#TransactionCanceledException";
const INTERNAL = { status: 500, body: JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message: "Internal server error" }) };

/** A transaction id: the time first (the coordinator sweeps old decisions in id order), then 64 random bits. */
export function newTransactionId(now = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${now.toString(16).padStart(12, "0")}-${random[0]!.toString(16).padStart(8, "0")}${random[1]!.toString(16).padStart(8, "0")}`;
}

/** The request's text with internal members first (the engine reads the first of a name). */
function withMembers(text: string, members: Json): string {
  const head = JSON.stringify(members);
  const rest = text.trimStart().slice(1).trimStart();
  return `${head.slice(0, -1)}${rest.startsWith("}") ? "" : ","}${rest}`;
}

async function call(stub: ShardStub, op: string, body: string): Promise<EngineResponse | null> {
  try {
    return await stub.routerHandle(op, body);
  } catch {
    return null;  // the object failed or was unreachable: its part counts as not done
  }
}

interface ErrorBody extends Json {
  __type?: string;
  message?: string;
  Message?: string;
  CancellationReasons?: Json[];
  "@Action"?: number;
  "@Bytes"?: number;
  "@Stale"?: string[];
}

/** The body of an error answer without the router's internal members. */
function publicError(status: number, body: ErrorBody): EngineResponse {
  const { "@Action": _a, "@Bytes": _b, "@Stale": _s, ...rest } = body;
  return { status, body: JSON.stringify(rest) };
}

function canceled(reasons: Json[]): EngineResponse {
  const codes = reasons.map((r) => String(r.Code)).join(", ");
  return {
    status: 400,
    body: JSON.stringify({
      __type: CANCELED,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      CancellationReasons: reasons,
    }),
  };
}

/**
 * The one answer the parts' failures make, as one object would have given it: the first
 * request-level error by action (an error every part gives, about the whole request, first),
 * then the 4 MB total, then the cancellation reasons, each action's from its own part.
 */
function combineFailures(parts: TransactionPart[], answers: EngineResponse[], count: number, checkBytes: boolean): EngineResponse | null {
  let first: { action: number; status: number; body: ErrorBody } | null = null;
  let bytes = 0;
  let cancelled = false;
  const reasons: Json[] = Array.from({ length: count }, () => ({ Code: "None" }));
  answers.forEach((answer, i) => {
    const body = JSON.parse(answer.body) as ErrorBody;
    bytes += Number(answer.status === 200 ? body.Bytes ?? 0 : body["@Bytes"] ?? 0);
    if (answer.status === 200) return;
    if (body.__type === CANCELED && Array.isArray(body.CancellationReasons)) {
      cancelled = true;
      for (const place of parts[i]!.mine) reasons[place] = body.CancellationReasons[place] ?? { Code: "None" };
      return;
    }
    const action = body["@Action"] ?? -1;
    if (!first || action < first.action) first = { action, status: answer.status, body };
  });
  if (first) return publicError((first as { status: number }).status, (first as { body: ErrorBody }).body);
  if (checkBytes && bytes > 4 * 1024 * 1024)
    return {
      status: 400,
      body: JSON.stringify({
        __type: "com.amazon.coral.validate#ValidationException",
        message: "Collection size of items exceeded, which can also be caused by the aggregate size of the items in the transaction exceeding the 4MB limit",
      }),
    };
  return cancelled ? canceled(reasons) : null;
}

/** Transactions whose expired locks got in the way: decide them (ABORT unless decided) and end them there. */
async function resolveStale(ctx: ShardContext, parts: TransactionPart[], answers: EngineResponse[]): Promise<void> {
  const work: Promise<unknown>[] = [];
  answers.forEach((answer, i) => {
    if (answer.status === 200) return;
    const stale = (JSON.parse(answer.body) as ErrorBody)["@Stale"];
    if (Array.isArray(stale)) for (const txn of stale) work.push(resolveTransaction(ctx, parts[i]!.stub, txn));
  });
  await Promise.all(work);
}

/** Ends transaction txn's part on `stub` as it was decided (resolveDecision: ABORT unless it committed). */
export async function resolveTransaction(ctx: ShardContext, stub: ShardStub, txn: string): Promise<void> {
  const decision = await resolveDecision(txn, (op, body) => call(ctx.home(), op, body), (name) => (op, body) => call(ctx.object(name), op, body));
  if (decision) await call(stub, decision === "COMMIT" ? "@TxnCommit" : "@TxnAbort", JSON.stringify({ TxnId: txn }));
}

export interface TransactionOptions {
  /** How long a transaction's locks hold before anyone may resolve it (ms). */
  timeoutMs: number;
}

export async function transactWriteParts(ctx: ShardContext, parts: TransactionPart[], r: Json, text: string, options: TransactionOptions): Promise<EngineResponse> {
  const count = (r.TransactItems as unknown[]).length;
  const token = typeof r.ClientRequestToken === "string" ? r.ClientRequestToken : undefined;
  const home = ctx.home();
  const txn = newTransactionId();
  const expires = Date.now() + options.timeoutMs;
  const end = (fence: boolean, which: (i: number) => boolean) =>
    Promise.all(parts.map((p, i) => (which(i) ? call(p.stub, "@TxnAbort", JSON.stringify({ TxnId: txn, Fence: fence })) : null)));
  // Round 1, all at once: stage at the coordinator (with the token's hold), prepare every part.
  const [staged, ...prepared] = await Promise.all([
    call(home, "@TxnStage", JSON.stringify({ TxnId: txn, Participants: parts.map((p) => p.object),
      ...(token !== undefined ? { ClientRequestToken: token, TransactItems: r.TransactItems } : {}) })),
    ...parts.map((p) => call(p.stub, "@TxnPrepare", withMembers(text, {
      TxnId: txn, ExpiresMs: expires, "@Mine": p.mine,
      Coordinator: { Database: ctx.database, Jurisdiction: ctx.jurisdiction ?? null, Object: p.object },
    }))),
  ]);
  // The coordinator's answer: staged, a replay, or the token's error (then nothing was staged).
  const stage = !staged ? null : staged.status === 200 ? (JSON.parse(staged.body) as { Staged?: boolean; Replay?: boolean }) : { Staged: false };
  if (prepared.some((a) => a === null) || !stage) {
    // An answer is missing: the transaction may or may not be able to commit. Decide it, as a
    // recovery would, then end every part that way.
    const decision = await resolveDecision(txn, (op, body) => call(home, op, body), (name) => (op, body) => call(ctx.object(name), op, body));
    if (decision === "COMMIT") {
      const committed = await Promise.all(parts.map((p) => call(p.stub, "@TxnCommit", JSON.stringify({ TxnId: txn }))));
      if (committed.every((a) => a?.status === 200)) return { status: 200, body: JSON.stringify(mergeWriteAnswers(committed as EngineResponse[])) };
    } else if (decision === "ABORT") {
      await end(true, () => true);
    }
    return INTERNAL;
  }
  const answers = prepared as EngineResponse[];
  const refused = stage.Replay || !stage.Staged;
  const failure = refused ? null : combineFailures(parts, answers, count, true);
  if (refused || failure) {
    // The transaction cannot commit (a part refused, or the token said no): undo what prepared and
    // what was staged, leaving no trace.
    await Promise.all([end(false, (i) => answers[i]!.status === 200),
      stage.Staged ? call(home, "@TxnRelease", JSON.stringify({ TxnId: txn, ...(token !== undefined ? { ClientRequestToken: token } : {}) })) : null]);
    if (stage.Replay) return replay(parts, r, text);
    if (staged!.status !== 200) return staged!;
    if (!stage.Staged) return INTERNAL;
    await resolveStale(ctx, parts, answers);
    return failure!;
  }
  // Every part prepared and the transaction is staged: it has committed. Round 2, all at once:
  // commit every part, and record COMMIT (for recoveries, and the token).
  const decide = () => call(home, "@TxnDecide", JSON.stringify({ TxnId: txn, Decision: "COMMIT", Resolved: true, ...(token !== undefined ? { ClientRequestToken: token } : {}) }));
  const [decided, ...committed] = await Promise.all([decide(), ...parts.map((p) => call(p.stub, "@TxnCommit", JSON.stringify({ TxnId: txn })))]);
  // The token's hold ends with the decision: without it, a retry could run the transaction again.
  if (token !== undefined && decided?.status !== 200 && (await decide())?.status !== 200) return INTERNAL;
  // A part that did not answer commits when its lock expires (its recovery finds every part
  // prepared); the client cannot know that yet, as after any internal error.
  if (committed.some((a) => a === null || a.status !== 200)) return INTERNAL;
  return { status: 200, body: JSON.stringify(mergeWriteAnswers(committed as EngineResponse[])) };
}

/**
 * A retry of a committed request: nothing is written; asked for capacity, each object reports
 * what one object's replay reports for its actions ("@Replay").
 */
async function replay(parts: TransactionPart[], r: Json, text: string): Promise<EngineResponse> {
  const mode = r.ReturnConsumedCapacity;
  if (mode !== "TOTAL" && mode !== "INDEXES") return { status: 200, body: "{}" };
  const answers = await Promise.all(parts.map((p) => call(p.stub, "@TxnPrepare", withMembers(text, { TxnId: "replay", ExpiresMs: 0, "@Mine": p.mine, "@Replay": true }))));
  const failed = answers.find((a) => a === null || a.status !== 200);
  if (failed !== undefined) return failed ?? INTERNAL;
  return { status: 200, body: JSON.stringify(mergeWriteAnswers(answers as EngineResponse[])) };
}

function mergeWriteAnswers(answers: EngineResponse[]): Json {
  let capacity: unknown;
  let metrics: Record<string, unknown[]> | undefined;
  for (const a of answers) {
    const body = JSON.parse(a.body) as { ConsumedCapacity?: unknown; ItemCollectionMetrics?: Record<string, unknown[]> };
    capacity = mergeConsumedCapacity(capacity, body.ConsumedCapacity);
    if (body.ItemCollectionMetrics) {
      metrics ??= {};
      for (const [table, list] of Object.entries(body.ItemCollectionMetrics)) (metrics[table] ??= []).push(...list);
    }
  }
  const out: Json = {};
  if (capacity !== undefined) out.ConsumedCapacity = capacity;
  if (metrics !== undefined) out.ItemCollectionMetrics = metrics;
  return out;
}

export async function transactGetParts(ctx: ShardContext, parts: TransactionPart[], r: Json, text: string, options: TransactionOptions): Promise<EngineResponse> {
  const count = (r.TransactItems as unknown[]).length;
  const txn = newTransactionId();
  const bodies = parts.map((p) => withMembers(text, { TxnId: txn, ExpiresMs: Date.now() + options.timeoutMs, "@Mine": p.mine }));
  const read = await Promise.all(parts.map((p, i) => call(p.stub, "@TxnRead", bodies[i]!)));
  const end = (which: (i: number) => boolean) =>
    Promise.all(parts.map((p, i) => (which(i) ? call(p.stub, "@TxnReadEnd", bodies[i]!) : null)));
  if (read.some((a) => a === null)) {
    await end((i) => read[i]?.status === 200);
    return INTERNAL;
  }
  const answers = read as EngineResponse[];
  const failure = combineFailures(parts, answers, count, false);
  if (failure) {
    await end((i) => answers[i]!.status === 200);
    await resolveStale(ctx, parts, answers);
    return failure;
  }
  const ended = await end(() => true);
  if (ended.some((a) => a === null || a.status !== 200)) return INTERNAL;
  const broken = ended.map((a) => !(JSON.parse(a!.body) as { Intact: boolean }).Intact);
  if (broken.some(Boolean)) {
    const reasons: Json[] = Array.from({ length: count }, () => ({ Code: "None" }));
    parts.forEach((p, i) => {
      if (broken[i]) for (const place of p.mine) reasons[place] = { Code: "TransactionConflict", Message: "Transaction is ongoing for the item" };
    });
    return canceled(reasons);
  }
  const responses: unknown[] = new Array(count);
  let capacity: unknown;
  answers.forEach((a, i) => {
    const body = JSON.parse(a.body) as { Responses: unknown[]; ConsumedCapacity?: unknown };
    parts[i]!.mine.forEach((place, k) => (responses[place] = body.Responses[k]));
    capacity = mergeConsumedCapacity(capacity, body.ConsumedCapacity);
  });
  return { status: 200, body: JSON.stringify(capacity === undefined ? { Responses: responses } : { Responses: responses, ConsumedCapacity: capacity }) };
}
