/**
 * withDynamoDB(Base, { tables }): gives any Durable Object class `this.dynamodb`, a DynamoDBClient over an engine
 * on the object's own storage (no RPC, no network: per-object isolated data, e.g. one agent's
 * memory), and `this.dynamodbEngine`, the engine itself. The engine's maintenance (index backfill,
 * Time to Live sweeps, statistics) runs from alarm(); the Base's own alarm keeps working: the
 * object's storage.setAlarm / getAlarm / deleteAlarm go through a SharedAlarm, and alarm() calls
 * Base's alarm() when Base's time has come. Put your alarm() in Base: a subclass of the mixin that
 * defines alarm() replaces the mixin's and must call super.alarm() to keep both working. The engine stores its data in the SQL table
 * `kv` and the schedule in `_dodb_alarms`; Base must not use those names. Declared `tables` are created
 * or brought up to date before the first request (js/do/declared-tables.ts).
 */
import { DynamoDBClient } from "../client/client.js";
import type { TableDefinition } from "./declared-tables.js";
import { DynamoDBEngine } from "./dynamodb-engine.js";
import engineModule from "./engine-module.js";
import { SharedAlarm } from "./shared-alarm.js";

type DurableObjectClass = abstract new (...args: any[]) => object;

/** What the mixin keeps per object: the real ctx and the shared alarm schedule. */
export interface Shared {
  state: DurableObjectState;
  alarm: SharedAlarm;
}
const SHARED = new WeakMap<object, Shared>();

/**
 * Routes the object's own alarm calls through a SharedAlarm: ctx.storage gets own setAlarm /
 * getAlarm / deleteAlarm members (shadowing the native ones, which the schedule keeps) before Base's
 * constructor runs, so even a Base that keeps ctx or storage from its constructor uses them. (ctx
 * itself cannot be wrapped: workerd's DurableObject constructor accepts only the real one.)
 */
function shareAlarm(state: DurableObjectState): Shared {
  const storage = state.storage;
  const native = {
    get sql() {
      return storage.sql;
    },
    setAlarm: storage.setAlarm.bind(storage),
    deleteAlarm: storage.deleteAlarm.bind(storage),
  };
  const alarm = new SharedAlarm(native);
  const own = {
    setAlarm: (scheduledTime: number | Date) => alarm.set("object", scheduledTime),
    getAlarm: async () => alarm.get("object"),
    deleteAlarm: () => alarm.delete("object"),
  };
  for (const [name, value] of Object.entries(own)) Object.defineProperty(storage, name, { value, configurable: true, writable: true });
  const shared = { state, alarm };
  SHARED.set(state, shared);
  return shared;
}

function sharingAlarm(args: any[]): any[] {
  if (!SHARED.has(args[0])) shareAlarm(args[0]);
  return args;
}

/** What withDynamoDB adds to a Durable Object class. */
export interface WithDynamoDB {
  /** A DynamoDBClient on this object's own engine: `this.dynamodb.send(new PutItemCommand(...))`. */
  readonly dynamodb: DynamoDBClient;
  /** The engine on this object's storage (one transaction per request). */
  readonly dynamodbEngine: DynamoDBEngine;
  /** Runs whichever is due: the engine's maintenance, then Base's alarm (if Base has one). */
  alarm(alarmInfo?: AlarmInvocationInfo): Promise<void>;
}

export interface WithDynamoDBOptions {
  /** Tables the object's database declares (CreateTable's input plus `TimeToLiveAttribute`). */
  tables?: readonly TableDefinition[];
}

export function withDynamoDB<TBase extends DurableObjectClass>(
  Base: TBase,
  options: WithDynamoDBOptions = {},
): TBase & (abstract new (...args: any[]) => WithDynamoDB) {
  abstract class WithDynamoDB extends Base {
    readonly #shared: Shared;
    #engine: DynamoDBEngine | null = null;
    #client: DynamoDBClient | null = null;

    constructor(...args: any[]) {
      super(...sharingAlarm(args)); // before Base's constructor, which may set its alarm
      this.#shared = SHARED.get(args[0])!;
    }

    /** The engine on this object's storage (one transaction per request). */
    get dynamodbEngine(): DynamoDBEngine {
      return (this.#engine ??= new DynamoDBEngine(this.#shared.state.storage, engineModule, {
        setAlarm: (t) => this.#shared.alarm.set("engine", t),
        tables: options.tables ?? [],
      }));
    }

    /** A DynamoDBClient on this object's own engine: `this.dynamodb.send(new PutItemCommand(...))`. */
    get dynamodb(): DynamoDBClient {
      return (this.#client ??= new DynamoDBClient({ target: this.dynamodbEngine }));
    }

    /** Runs whichever is due: the engine's maintenance, then Base's alarm (if Base has one). */
    async alarm(alarmInfo?: AlarmInvocationInfo): Promise<void> {
      const { alarm } = this.#shared;
      const due = alarm.takeDue(Date.now());
      let maintenanceFailure: unknown = null;
      try {
        if (due.includes("engine")) {
          try {
            await this.dynamodbEngine.maintain();
          } catch (err) {
            // Retry the maintenance shortly; Base's alarm still runs below.
            maintenanceFailure = err;
            if (alarm.get("engine") === null) await alarm.set("engine", Date.now() + 1000);
          }
        }
        const baseAlarm = (Base.prototype as { alarm?: (info?: AlarmInvocationInfo) => unknown }).alarm;
        if (due.includes("object") && baseAlarm) {
          try {
            await baseAlarm.call(this, alarmInfo);
          } catch (err) {
            // Base's alarm failed: keep it scheduled, so the runtime's retry calls it again.
            if (alarm.get("object") === null) await alarm.set("object", Date.now());
            throw err;
          }
        }
      } finally {
        await alarm.arm();
      }
      if (maintenanceFailure !== null) throw maintenanceFailure;
    }
  }
  return WithDynamoDB;
}
