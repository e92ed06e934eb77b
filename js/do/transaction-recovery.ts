/**
 * Ends, from a Durable Object's alarm, the parts of transactions over several objects that a router
 * prepared here and never ended (it died, or lost its connection, mid-commit): docs/SCALING.md,
 * "Transactions over shards". When a part's locks expire, the object has the transaction decided
 * (js/shard/transaction-resolution.ts: the coordinator's decision, or, for a transaction still
 * STAGING, COMMIT exactly if every participant prepared) and commits or aborts its part
 * accordingly; every part of the transaction ends the same way, and no item stays locked.
 */
import { type ObjectCall, resolveDecision } from "../shard/transaction-resolution.js";
import type { DynamoDBEngine } from "./dynamodb-engine.js";
import { ownNamespace, type PeerNamespace } from "./own-namespace.js";

/** Who to ask, as "@TxnPrepare" kept it (js/shard/shard-transact.ts). */
interface Coordinator {
  Database: string;
  Jurisdiction: string | null;
  Object: string;  // this object's own name
}

export class TransactionRecovery {
  readonly #storage: DurableObjectStorage;
  readonly #env: unknown;
  readonly #id: DurableObjectId;

  constructor(storage: DurableObjectStorage, env: unknown, id: DurableObjectId) {
    this.#storage = storage;
    this.#env = env;
    this.#id = id;
  }

  /** After a part prepared here: make sure the alarm runs when its locks expire. */
  wakeAt(ms: number): void {
    void (async () => {
      const current = await this.#storage.getAlarm();
      if (current === null || current > ms) await this.#storage.setAlarm(ms);
    })().catch((err) => console.error("do-dynamodb: scheduling transaction recovery:", err));
  }

  /** Ends every part whose locks have expired; sets the alarm for the next to expire. */
  async run(engine: DynamoDBEngine): Promise<void> {
    const pending = engine.handle("@TxnPending", "{}");
    if (pending.status !== 200) return;
    const { Expired, NextMs } = JSON.parse(pending.body) as { Expired: { TxnId: string; Coordinator?: Coordinator }[]; NextMs?: number };
    for (const part of Expired) {
      if (!part.Coordinator) continue;
      const decision = await this.#decide(engine, part.TxnId, part.Coordinator);
      if (decision) engine.handle(decision === "COMMIT" ? "@TxnCommit" : "@TxnAbort", JSON.stringify({ TxnId: part.TxnId }));
    }
    if (NextMs !== undefined) this.wakeAt(NextMs);
  }

  /** The decision that stands (resolveDecision), or null if an object cannot be reached now. */
  #decide(engine: DynamoDBEngine, txn: string, c: Coordinator): Promise<string | null> {
    const ns = this.#namespace(c);
    const on = (name: string): ObjectCall => async (op, body) => {
      if (name === c.Object) return engine.handle(op, body);  // this object
      try {
        return ns ? await ns.get(ns.idFromName(name)).routerHandle(op, body) : null;
      } catch {
        return null;
      }
    };
    return resolveDecision(txn, on(c.Database), on);
  }

  /** The namespace binding this object belongs to (found by its own name), in c's jurisdiction. */
  #namespace(c: Coordinator): PeerNamespace | null {
    return ownNamespace(this.#env, this.#id, c.Object, c.Jurisdiction);
  }
}
