/**
 * DynamoDBDurableObject: one DynamoDB database per Durable Object, stored in the object's SQLite
 * storage. Two doors to the same engine: the RPC method handle(op, body) (what the Worker and
 * in-process SDK clients call) and fetch(), which speaks DynamoDB's HTTP protocol directly. The
 * engine is created on first use; subclasses may override createEngine() (tests wrap the host).
 * The object's alarm runs the engine's maintenance steps (index backfill after UpdateTable).
 * Tables declared in a subclass's `static tables` are created or brought up to date before the
 * first request (js/do/declared-tables.ts).
 */
import { DurableObject } from "cloudflare:workers";
import type { EngineResponse } from "../engine/types.js";
import { handleDynamoDBHttp } from "../http/dynamodb-http.js";
import type { TableDefinition } from "./declared-tables.js";
import { DynamoDBEngine } from "./dynamodb-engine.js";
import engineModule from "./engine-module.js";
import { IndexOutbox } from "./index-outbox.js";
import { ObjectDoors } from "./object-doors.js";
import { TransactionRecovery } from "./transaction-recovery.js";
import { ShardSplitter } from "./shard-split.js";
import type { ObjectIdentity } from "../shard/shard-context.js";

export class DynamoDBDurableObject<Env = unknown> extends DurableObject<Env> {
  /**
   * The tables every object of this class declares (CreateTable's input plus `TimeToLiveAttribute`):
   * `static tables: TableDefinition[] = [...]` in a subclass. See DynamoDBEngineOptions.tables.
   */
  static tables: readonly TableDefinition[] = [];

  #engine: DynamoDBEngine | null = null;
  #recovery: TransactionRecovery | null = null;
  #splitter: ShardSplitter | null = null;
  #outbox: IndexOutbox | null = null;
  readonly #doors = new ObjectDoors(() => this.engine, () => this.#transactions(),
    () => (this.#splitter ??= new ShardSplitter(() => this.engine, this.env, this.ctx.id, (ms) => this.#transactions().wakeAt(ms))),
    () => (this.#outbox ??= new IndexOutbox(this.ctx.storage, this.env, this.ctx.id)));

  #transactions(): TransactionRecovery {
    return (this.#recovery ??= new TransactionRecovery(this.ctx.storage, this.env, this.ctx.id));
  }

  /** The engine over this object's storage. */
  get engine(): DynamoDBEngine {
    return (this.#engine ??= this.createEngine());
  }

  /** ObjectDoors.handle: one DynamoDB operation; internal ones ("@Maintain") answer UnknownOperationException. */
  handle(op: string, body: string | Uint8Array): EngineResponse {
    return this.#doors.handle(op, body);
  }

  /** ObjectDoors.routerHandle: the shard router's door (js/shard/, docs/SCALING.md). */
  routerHandle(op: string, body: string | Uint8Array, from?: ObjectIdentity): EngineResponse {
    return this.#doors.routerHandle(op, body, from);
  }

  /** Requests this object has run since it last started (in memory: a restart counts from 0). */
  served(): number {
    return this.#doors.served();
  }

  /**
   * Delivers this object's index outbox now (GSIs partitioned by their own key, docs/SCALING.md);
   * true once it is empty. Deliveries happen on their own after writes; this is for tests.
   */
  deliverIndexOutbox(): Promise<boolean> {
    return this.#doors.deliverIndexOutbox();
  }

  override fetch(request: Request): Promise<Response> {
    return handleDynamoDBHttp(request, this);
  }

  /**
   * Index backfill and deletion after UpdateTable, in bounded steps (DynamoDBEngine.maintain);
   * then the transactions over several objects whose locks here expired.
   */
  override alarm(): Promise<void> {
    return this.#doors.alarm();
  }

  /**
   * Point-in-time recovery of the whole database (every table in this object), not DynamoDB's
   * RestoreTableToPointInTime into a new table: Durable Object storage keeps 30 days of history,
   * and the object restarts with its storage as it was at `time` (epoch ms or Date). The current
   * instance is aborted, so in-flight requests fail and the caller sees this call reject; the next
   * request runs against the restored data. Deployed objects only: Miniflare's storage rejects
   * it ("does not implement point-in-time recovery"). Returns only if the platform refuses.
   */
  async restoreToPointInTime(time: number | Date): Promise<never> {
    const storage = this.ctx.storage;
    const bookmark = await storage.getBookmarkForTime(time);
    await storage.onNextSessionRestoreBookmark(bookmark);
    this.ctx.abort(`do-dynamodb: restoring to ${new Date(time).toISOString()}`);
    throw new Error("do-dynamodb: the Durable Object did not restart for the restore");
  }

  protected createEngine(): DynamoDBEngine {
    const { tables } = this.constructor as typeof DynamoDBDurableObject;
    return new DynamoDBEngine(this.ctx.storage, engineModule, { tables });
  }
}
