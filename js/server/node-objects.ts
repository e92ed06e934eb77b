/**
 * Database objects in Node, named as Durable Objects are (js/shard/ reaches them through a
 * ShardNamespace): one object per name, each its own engine over its own SQLite database, a file
 * `<dir>/<name, URI-encoded>.sqlite` under the data directory or a private in-memory one. An object
 * answers through ObjectDoors exactly as DynamoDBDurableObject does. Requests in Node run one at a
 * time and each is one synchronous call into its object's engine, so each is isolated, as in the
 * runtime; it is atomic as there (DynamoDBEngine over ObjectStorage's transactions).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBEngine } from "../do/dynamodb-engine.js";
import { IndexOutbox } from "../do/index-outbox.js";
import { ObjectDoors } from "../do/object-doors.js";
import { TransactionRecovery } from "../do/transaction-recovery.js";
import { ShardSplitter, type SplitSettings, splitSettingsFromEnv } from "../do/shard-split.js";
import type { EngineResponse } from "../engine/types.js";
import { engineModule } from "../node.js";
import type { ObjectIdentity, ShardNamespace, ShardStub } from "../shard/shard-context.js";
import { ObjectStorage } from "./object-storage.js";

const FILE_SUFFIX = ".sqlite";

export class NodeObjectId {
  constructor(readonly name: string) {}
  equals(other: unknown): boolean {
    return other instanceof NodeObjectId && other.name === this.name;
  }
  toString(): string {
    return this.name;
  }
}

/** One database object: a DynamoDB database, or a shard of its spread tables. */
export class NodeDatabaseObject implements ShardStub {
  readonly storage: ObjectStorage;
  readonly engine: DynamoDBEngine;
  readonly #doors: ObjectDoors;

  constructor(id: NodeObjectId, path: string, namespace: NodeObjectNamespace) {
    this.storage = new ObjectStorage(path, () => this.#doors.alarm());
    const storage = this.storage as unknown as DurableObjectStorage;
    this.engine = new DynamoDBEngine(storage, engineModule(), { storage: () => this.storage.host });
    const recovery = new TransactionRecovery(storage, { DYNAMODB: namespace }, id as unknown as DurableObjectId);
    const splitter = new ShardSplitter(() => this.engine, { DYNAMODB: namespace }, id, (ms) => recovery.wakeAt(ms), namespace.splitSettings);
    const outbox = new IndexOutbox(storage, { DYNAMODB: namespace }, id);
    this.#doors = new ObjectDoors(() => this.engine, () => recovery, () => splitter, () => outbox);
  }

  handle(op: string, body: string | Uint8Array): EngineResponse {
    return this.#doors.handle(op, body);
  }

  routerHandle(op: string, body: string, from?: ObjectIdentity): EngineResponse {
    return this.#doors.routerHandle(op, body, from);
  }

  served(): number {
    return this.#doors.served();
  }

  deliverIndexOutbox(): Promise<boolean> {
    return this.#doors.deliverIndexOutbox();
  }

  /** The runtime's storage history is not kept here: refused, as Miniflare refuses it. */
  restoreToPointInTime(): Promise<never> {
    return Promise.reject(new Error("do-dynamodb: point-in-time restore needs deployed Durable Objects; the local server keeps no history"));
  }
}

export class NodeObjectNamespace implements ShardNamespace {
  readonly #dir: string | null;
  readonly #objects = new Map<string, NodeDatabaseObject>();

  /** When objects split (DYNAMODB_SPLIT_BYTES, DYNAMODB_SPLIT_RPS). */
  readonly splitSettings: SplitSettings;

  /** dir: the data directory (one SQLite file per object); null: every object in memory. */
  constructor(dir: string | null, splitSettings: SplitSettings = splitSettingsFromEnv({})) {
    this.#dir = dir;
    this.splitSettings = splitSettings;
  }

  idFromName(name: string): NodeObjectId {
    return new NodeObjectId(name);
  }

  get(id: NodeObjectId): NodeDatabaseObject {
    let object = this.#objects.get(id.name);
    if (!object) {
      const path = this.#dir === null ? ":memory:" : join(this.#dir, encodeURIComponent(id.name) + FILE_SUFFIX);
      this.#objects.set(id.name, (object = new NodeDatabaseObject(id, path, this)));
      // As a Durable Object's alarm outlives a restart: look for work left (index backfill, TTL, transactions).
      void object.storage.setAlarm(Date.now());
    }
    return object;
  }

  /** Opens every object the data directory holds, so their alarms run (TTL sweeps) before any request. */
  openAll(): number {
    if (this.#dir === null) return 0;
    const names = readdirSync(this.#dir).filter((f) => f.endsWith(FILE_SUFFIX)).map((f) => decodeURIComponent(f.slice(0, -FILE_SUFFIX.length)));
    for (const name of names) this.get(this.idFromName(name));
    return names.length;
  }

  /** The objects opened so far, by name. */
  opened(): ReadonlyMap<string, NodeDatabaseObject> {
    return this.#objects;
  }

  /** Closes object `name` and forgets it (in memory: its data is gone). */
  drop(name: string): void {
    this.#objects.get(name)?.storage.close();
    this.#objects.delete(name);
  }

  /** Closes every object's database (writes are already committed). */
  close(): void {
    for (const object of this.#objects.values()) object.storage.close();
    this.#objects.clear();
  }
}
