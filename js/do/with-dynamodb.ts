/**
 * withDynamoDB(Base): gives any Durable Object class `this.dynamodb`, a DynamoDBClient over an engine
 * on the object's own storage (no RPC, no network: per-object isolated data, e.g. one agent's
 * memory), and `this.dynamodbEngine`, the engine itself. The engine's maintenance (index backfill,
 * Time to Live sweeps, statistics) runs from alarm(); the Base's own alarm keeps working: the mixin
 * hands Base a ctx whose storage.setAlarm / getAlarm / deleteAlarm go through a SharedAlarm, and its
 * alarm() calls Base's alarm() when Base's time has come. The engine stores its data in the SQL table
 * `kv` and the schedule in `_dodb_alarms`; Base must not use those names.
 */
import { DynamoDBClient } from "../client/client.js";
import { DynamoDBEngine } from "./dynamodb-engine.js";
import engineModule from "./engine-module.js";
import { SharedAlarm } from "./shared-alarm.js";

type DurableObjectClass = abstract new (...args: any[]) => object;

interface Shared {
  state: DurableObjectState;
  alarm: SharedAlarm;
}
const SHARED = new WeakMap<object, Shared>();

/** Base's constructor arguments with ctx replaced by one whose alarm methods use the shared schedule. */
function withSharedAlarm(args: any[]): any[] {
  const [state, ...rest] = args as [DurableObjectState, ...unknown[]];
  const alarm = new SharedAlarm(state.storage);
  const storage = proxy(state.storage, {
    setAlarm: (scheduledTime: number | Date) => alarm.set("object", scheduledTime),
    getAlarm: async () => alarm.get("object"),
    deleteAlarm: () => alarm.delete("object"),
  });
  const wrapped = proxy(state, { storage });
  SHARED.set(wrapped, { state, alarm });
  return [wrapped, ...rest];
}

/** target with some members replaced; its other methods stay bound to target (native objects need it). */
function proxy<T extends object>(target: T, overrides: Record<string, unknown>): T {
  return new Proxy(target, {
    get(t, p) {
      if (typeof p === "string" && p in overrides) return overrides[p];
      const v = Reflect.get(t, p);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });
}

export function withDynamoDB<TBase extends DurableObjectClass>(Base: TBase) {
  abstract class WithDynamoDB extends Base {
    readonly #shared: Shared;
    #engine: DynamoDBEngine | null = null;
    #client: DynamoDBClient | null = null;

    constructor(...args: any[]) {
      const wrapped = withSharedAlarm(args);
      super(...wrapped);
      this.#shared = SHARED.get(wrapped[0])!;
    }

    /** The engine on this object's storage (one transaction per request). */
    get dynamodbEngine(): DynamoDBEngine {
      return (this.#engine ??= new DynamoDBEngine(this.#shared.state.storage, engineModule, {
        setAlarm: (t) => this.#shared.alarm.set("engine", t),
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
      try {
        if (due.includes("engine")) await this.dynamodbEngine.maintain();
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
    }
  }
  return WithDynamoDB;
}
