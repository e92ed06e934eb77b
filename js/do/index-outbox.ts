/**
 * Delivers a table shard's index outbox (GSIs partitioned by their own key, docs/SCALING.md;
 * the engine's side is wasm/src/storage/index_outbox.h). The engine writes an outbox record in
 * the same storage transaction as each item write that changes a partitioned GSI; this sends the
 * records, oldest first, to their index shard objects ("@IndexApply": one call per object, all
 * objects at once) and removes those acknowledged ("@OutboxAck"). It runs soon after a write that
 * wrote records (a kick) and from the object's alarm, which is also the backstop after a failure
 * or a restart: a record stays until its index shard has acknowledged it. Index shards apply a
 * record only if its item version is newer than the entry's, so a record delivered twice, late or
 * out of order changes nothing wrong, and the index converges to the table's projected items.
 */
import type { DynamoDBEngine } from "./dynamodb-engine.js";

/** A record as "@OutboxRead" gives it. */
interface OutboxRecord {
  At: string;
  Record: { O: string; J?: string; T: string; K: unknown; V: number; P?: unknown };
}

interface Namespace {
  idFromName(name: string): unknown;
  idFromString?(id: string): unknown;
  jurisdiction?(jurisdiction: string): Namespace;
  get(id: unknown): { routerHandle(op: string, body: string): Promise<{ status: number; body: string }> | { status: number; body: string } };
}

/** Faults a test injects into every object's deliveries (js/do/index-outbox.ts only; never set in production). */
export interface OutboxFaults {
  /** Probability that a call to an index shard fails before reaching it. */
  fail?: number;
  /** Probability that a call that succeeded is made once more (a duplicated delivery). */
  duplicate?: number;
  /** Delay before each call, ms (late deliveries; overtaken by others). */
  delayMs?: number;
}
let faults: OutboxFaults | null = null;
/** Test hook: injects faults into deliveries made from this isolate from now on (null: none). */
export function setIndexOutboxFaults(f: OutboxFaults | null): void {
  faults = f;
}

/** Records read per round, and the most bytes of records sent in one call. */
const ROUND = 256;
const CALL_BYTES = 2 * 1024 * 1024;
/** After a failed round: the next try (ms), doubling up to the cap; the alarm is the backstop. */
const RETRY_MS = 50;
const RETRY_CAP_MS = 5000;
const BACKSTOP_MS = 10_000;

function isNamespace(v: unknown): v is Namespace {
  return typeof v === "object" && v !== null && typeof (v as Namespace).idFromName === "function" && typeof (v as Namespace).get === "function";
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class IndexOutbox {
  readonly #storage: Pick<DurableObjectStorage, "getAlarm" | "setAlarm">;
  readonly #env: unknown;
  readonly #id: { toString(): string };
  #namespace: Namespace | null | undefined;
  #running: Promise<boolean> | null = null;
  #failures = 0;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #armed = false;

  constructor(storage: Pick<DurableObjectStorage, "getAlarm" | "setAlarm">, env: unknown, id: { toString(): string }) {
    this.#storage = storage;
    this.#env = env;
    this.#id = id;
  }

  /** After a request that wrote outbox records: deliver now; the alarm is set as a backstop. */
  kick(engine: DynamoDBEngine): void {
    this.#arm(Date.now() + BACKSTOP_MS);
    void this.deliver(engine);
  }

  /**
   * Delivers until the outbox is empty (true) or a round fails (false: retried later). One
   * delivery runs at a time; a call meanwhile joins it (it reads the outbox until it is empty).
   */
  deliver(engine: DynamoDBEngine): Promise<boolean> {
    this.#running ??= this.#run(engine).finally(() => (this.#running = null));
    return this.#running;
  }

  async #run(engine: DynamoDBEngine): Promise<boolean> {
    for (;;) {
      const read = engine.handle("@OutboxRead", `{"Limit":${ROUND}}`);
      if (read.status !== 200) return false;
      const { Records: records, More: more } = JSON.parse(read.body) as { Records: OutboxRecord[]; More: boolean };
      if (records.length === 0) {
        if (more) continue;  // the round only dropped records of deleted indexes
        this.#failures = 0;
        return true;
      }
      const acked = await this.#send(records);
      if (acked.length > 0) engine.handle("@OutboxAck", JSON.stringify({ At: acked }));
      if (acked.length < records.length) {
        this.#failed(engine);
        return false;
      }
    }
  }

  /** Sends one round, grouped by index shard object (in order within each); the places acknowledged. */
  async #send(records: OutboxRecord[]): Promise<string[]> {
    const ns = this.#findNamespace();
    if (!ns) return [];
    const groups = new Map<string, OutboxRecord[]>();
    for (const r of records) {
      const group = groups.get(r.Record.O);
      if (group) group.push(r);
      else groups.set(r.Record.O, [r]);
    }
    const acked = await Promise.all([...groups].map(async ([object, group]) => {
      const done: string[] = [];
      for (const call of calls(group)) {
        const body = JSON.stringify({ TableName: call[0]!.Record.T, Records: call.map(({ Record: { K, V, P } }) => ({ K, V, P })) });
        const place = call[0]!.Record.J && ns.jurisdiction ? ns.jurisdiction(call[0]!.Record.J) : ns;
        if (!(await this.#apply(place, object, body))) break;  // later records of this object wait: in order
        done.push(...call.map((r) => r.At));
      }
      return done;
    }));
    return acked.flat();
  }

  /** One "@IndexApply" call; true if acknowledged (or the index is gone: nothing to keep). */
  async #apply(ns: Namespace, object: string, body: string): Promise<boolean> {
    try {
      if (faults?.delayMs) await sleep(faults.delayMs * Math.random());
      if (faults?.fail && Math.random() < faults.fail) throw new Error("injected: delivery failed");
      const stub = ns.get(ns.idFromName(object));
      const r = await stub.routerHandle("@IndexApply", body);
      if (faults?.duplicate && Math.random() < faults.duplicate) await stub.routerHandle("@IndexApply", body);
      return r.status === 200 || r.body.includes("ResourceNotFoundException");
    } catch {
      return false;
    }
  }

  #failed(engine: DynamoDBEngine): void {
    this.#failures += 1;
    const wait = Math.min(RETRY_MS * 2 ** (this.#failures - 1), RETRY_CAP_MS);
    this.#arm(Date.now() + wait + BACKSTOP_MS);
    if (this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.deliver(engine);
    }, wait);
  }

  /** Makes sure the alarm runs by `ms` (an earlier alarm stays), once per instance until it runs. */
  #arm(ms: number): void {
    if (this.#armed) return;
    this.#armed = true;
    void (async () => {
      const current = await this.#storage.getAlarm();
      if (current === null || current > ms) await this.#storage.setAlarm(ms);
    })().catch((err) => console.error("do-dynamodb: scheduling index delivery:", err));
  }

  /** From the alarm: delivers what is waiting (the alarm must be set again if records stay). */
  async alarm(engine: DynamoDBEngine): Promise<void> {
    this.#armed = false;
    if (!(await this.deliver(engine))) this.#arm(Date.now() + BACKSTOP_MS);
  }

  /** The namespace binding of this object (where its table's index shards are). */
  #findNamespace(): Namespace | null {
    if (this.#namespace !== undefined) return this.#namespace;
    const found = Object.values((this.#env ?? {}) as Record<string, unknown>).filter(isNamespace);
    // Several bindings: the one that made this object's id (idFromString refuses another's ids).
    this.#namespace = found.length <= 1 ? found[0] ?? null : found.find((ns) => {
      try {
        ns.idFromString?.(this.#id.toString());
        return true;
      } catch {
        return false;
      }
    }) ?? found[0]!;
    return this.#namespace;
  }
}

/** A group's records cut into calls of at most CALL_BYTES (a record alone may exceed it). */
function* calls(group: OutboxRecord[]): Generator<OutboxRecord[]> {
  let call: OutboxRecord[] = [];
  let bytes = 0;
  for (const r of group) {
    const size = JSON.stringify(r.Record).length;
    if (call.length > 0 && bytes + size > CALL_BYTES) {
      yield call;
      call = [];
      bytes = 0;
    }
    call.push(r);
    bytes += size;
  }
  if (call.length > 0) yield call;
}
