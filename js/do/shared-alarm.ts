/**
 * One Durable Object alarm shared by several owners (the engine's maintenance and the object's own
 * alarm): each owner's wanted time is kept in the object's SQL storage (table _dodb_alarms), the real
 * alarm is set to the earliest, and when it fires the owners whose time has come are run. The
 * object's own code keeps calling ctx.storage.setAlarm / getAlarm / deleteAlarm: withDynamoDB hands
 * it a storage whose alarm methods are this schedule's for the owner "object".
 */
export type AlarmOwner = "engine" | "object";

/** The storage calls the schedule makes (a DurableObjectStorage has them). */
export interface AlarmStorage {
  sql: { exec(query: string, ...bindings: unknown[]): { toArray(): Record<string, unknown>[] } };
  setAlarm(scheduledTime: number | Date): Promise<void>;
  deleteAlarm(): Promise<void>;
}

export class SharedAlarm {
  readonly #storage: AlarmStorage;
  #times: Map<AlarmOwner, number> | null = null;

  constructor(storage: AlarmStorage) {
    this.#storage = storage;
  }

  /** The owner's scheduled time (ms since the epoch), or null. */
  get(owner: AlarmOwner): number | null {
    return this.#load().get(owner) ?? null;
  }

  /** Schedules owner at scheduledTime (replacing its previous time), then re-arms the real alarm. */
  set(owner: AlarmOwner, scheduledTime: number | Date): Promise<void> {
    const at = +scheduledTime;
    this.#load().set(owner, at);
    this.#storage.sql.exec("INSERT OR REPLACE INTO _dodb_alarms (owner, at) VALUES (?, ?)", owner, at);
    return this.arm();
  }

  /** Cancels owner's alarm, then re-arms the real alarm for the others. */
  delete(owner: AlarmOwner): Promise<void> {
    this.#clear(owner);
    return this.arm();
  }

  /**
   * The owners due at now, each removed from the schedule (it may schedule itself again); the real
   * alarm is not re-armed until arm() is called.
   */
  takeDue(now: number): AlarmOwner[] {
    const due = [...this.#load()].filter(([, at]) => at <= now).map(([owner]) => owner);
    for (const owner of due) this.#clear(owner);
    return due;
  }

  /** Sets the real alarm to the earliest scheduled time, or deletes it when nothing is scheduled. */
  arm(): Promise<void> {
    const times = [...this.#load().values()];
    return times.length === 0 ? this.#storage.deleteAlarm() : this.#storage.setAlarm(Math.min(...times));
  }

  #clear(owner: AlarmOwner): void {
    if (this.#load().delete(owner)) this.#storage.sql.exec("DELETE FROM _dodb_alarms WHERE owner = ?", owner);
  }

  #load(): Map<AlarmOwner, number> {
    if (this.#times) return this.#times;
    this.#storage.sql.exec("CREATE TABLE IF NOT EXISTS _dodb_alarms (owner TEXT PRIMARY KEY, at REAL NOT NULL)");
    const rows = this.#storage.sql.exec("SELECT owner, at FROM _dodb_alarms").toArray();
    return (this.#times = new Map(rows.map((r) => [r.owner as AlarmOwner, Number(r.at)])));
  }
}
