/**
 * How anyone ends a transaction over several objects that its router left unfinished (docs/SCALING.md,
 * "Transactions over shards"): the router that meets an expired lock, and an object whose lock
 * expired (js/do/transaction-recovery.ts). The coordinator answers its decision, or ABORT if nothing
 * was staged; if the transaction is STAGING, it committed exactly if every participant prepared, so
 * each is asked ("@TxnStatus", which fences one that never prepared) and the answer is recorded
 * (first decision written stands).
 */
import type { EngineResponse } from "../engine/types.js";

/** Calls an internal operation on an object; null if it could not be reached. */
export type ObjectCall = (op: string, body: string) => Promise<EngineResponse | null>;

/** The decision that stands for txn ("COMMIT" or "ABORT"), or null if some object could not be reached. */
export async function resolveDecision(txn: string, coordinator: ObjectCall, participant: (name: string) => ObjectCall): Promise<string | null> {
  const asked = await coordinator("@TxnDecide", JSON.stringify({ TxnId: txn, Decision: "ABORT" }));
  if (!asked || asked.status !== 200) return null;
  const first = JSON.parse(asked.body) as { Decision: string; Participants?: string[] };
  if (first.Decision !== "STAGING") return first.Decision;
  const statuses = await Promise.all((first.Participants ?? []).map((name) => participant(name)("@TxnStatus", JSON.stringify({ TxnId: txn }))));
  if (statuses.some((s) => !s || s.status !== 200)) return null;
  const prepared = statuses.every((s) => ["PREPARED", "COMMITTED"].includes((JSON.parse(s!.body) as { Status: string }).Status));
  const decided = await coordinator("@TxnDecide", JSON.stringify({ TxnId: txn, Decision: prepared ? "COMMIT" : "ABORT", Resolved: true }));
  return decided && decided.status === 200 ? (JSON.parse(decided.body) as { Decision: string }).Decision : null;
}
