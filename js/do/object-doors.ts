/**
 * The doors of a database object (one DynamoDB database, or one shard of its tables), shared by the
 * Durable Object (durable-object.ts) and the Node server's objects (js/server/node-objects.ts), so
 * both answer the same: handle(op, body) for clients, routerHandle for the shard router
 * (docs/SCALING.md), served() for DescribeShards, alarm() for maintenance and transaction recovery.
 */
import type { EngineResponse } from "../engine/types.js";
import { UNKNOWN_OPERATION } from "../http/errors.js";
import { type DynamoDBEngine, FROM_ROUTER } from "./dynamodb-engine.js";
import type { ObjectIdentity } from "../shard/shard-context.js";
import type { ShardSplitter } from "./shard-split.js";
import type { IndexOutbox } from "./index-outbox.js";
import type { TransactionRecovery } from "./transaction-recovery.js";

export class ObjectDoors {
  readonly #engine: () => DynamoDBEngine;
  readonly #transactions: () => TransactionRecovery;
  readonly #splitter: () => ShardSplitter;
  readonly #outbox: (() => IndexOutbox) | undefined;
  /** Requests this instance has run (both doors), since it started: DescribeShards reports it. */
  #served = 0;

  /**
   * engine, transactions, splitter and outbox are called on first use (the object's storage is
   * opened lazily). outbox: delivery of partitioned GSIs' outbox records (none: never delivered).
   */
  constructor(engine: () => DynamoDBEngine, transactions: () => TransactionRecovery, splitter: () => ShardSplitter,
              outbox?: () => IndexOutbox) {
    this.#engine = engine;
    this.#transactions = transactions;
    this.#splitter = splitter;
    this.#outbox = outbox;
  }

  /** Runs op on the engine; a write that left index outbox records starts their delivery. */
  #run(op: string, body: string | Uint8Array): EngineResponse {
    const engine = this.#engine();
    const result = engine.handle(op, body);
    if (this.#outbox && engine.takeOutboxWritten()) this.#outbox().kick(engine);
    return result;
  }

  /**
   * Runs one DynamoDB operation (JSON wire format in and out) in one storage transaction. Internal
   * operations ("@Maintain") are not reachable through this public method: they answer
   * UnknownOperationException, as an unknown X-Amz-Target does over HTTP.
   */
  handle(op: string, body: string | Uint8Array): EngineResponse {
    if (op.startsWith("@")) return UNKNOWN_OPERATION;
    this.#served += 1;
    return this.#run(op, body);
  }

  /**
   * The shard router's door: op as the router names it ("@ShardMap", or a DynamoDB operation, whose
   * internal members "@PageBytes" / "@DryRun" are then honoured). Maintenance is not reachable.
   * from: how the router reached this object (its name, database and jurisdiction), which the
   * object needs to reach the others when it splits (shard-split.ts); "@SplitRequest"
   * ({TableName}) asks it to split its range of the table.
   */
  routerHandle(op: string, body: string | Uint8Array, from?: ObjectIdentity): EngineResponse {
    if (op === "@Maintain") return UNKNOWN_OPERATION;
    if (op === "@SplitRequest") {
      const table = typeof body === "string" ? (JSON.parse(body) as { TableName?: unknown }).TableName : undefined;
      return typeof table === "string" ? this.#splitter().request(table, from) : UNKNOWN_OPERATION;
    }
    if (!op.startsWith("@")) this.#served += 1;
    const result = this.#run(op.startsWith("@") ? op : FROM_ROUTER + op, body);
    if (result.status === 200) this.#splitter().noteRequest(op, body, from);
    // A split's new object took indexes to build from its parent's changed definition: the alarm builds them.
    if (op === "@SplitAdopt" && result.status === 200 && result.body.includes('"Changed":true')) this.#transactions().wakeAt(Date.now());
    // A part of a transaction over several objects prepared: if no router ends it before its
    // locks expire, the alarm will.
    if (op === "@TxnPrepare" && result.status === 200 && typeof body === "string") {
      const expires = /"ExpiresMs":(\d+)/.exec(body);
      if (expires) this.#transactions().wakeAt(Number(expires[1]));
    }
    return result;
  }

  /** Requests this object has run since it last started (in memory: a restart counts from 0). */
  served(): number {
    return this.#served;
  }

  /**
   * Index backfill, statistics, TTL sweeps (DynamoDBEngine.maintain); then expired transaction
   * parts; then the index outbox (records of the backfill, or left by a failed delivery); splits.
   */
  async alarm(): Promise<void> {
    const engine = this.#engine();
    await engine.maintain();
    await this.#transactions().run(engine);
    if (this.#outbox) {
      engine.takeOutboxWritten();
      await this.#outbox().alarm(engine);
    }
    await this.#splitter().run();
  }

  /** Delivers the index outbox now; true once it is empty (tests compare GSIs after it). */
  deliverIndexOutbox(): Promise<boolean> {
    return this.#outbox ? this.#outbox().deliver(this.#engine()) : Promise.resolve(true);
  }
}
