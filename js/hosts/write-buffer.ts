/**
 * A KvHost that holds a request's writes back: while deferring, puts and deletes are kept in
 * memory, and gets and scans answer as if they had been applied (read-your-writes over the inner
 * host). flush() then applies them to the inner host; discard() forgets them. Outside begin() /
 * flush() it passes every call straight through.
 *
 * Why: a request that makes one storage write needs no transaction around the engine's run (a single
 * SQL statement is atomic, and the engine's reads happen in the same synchronous call), and a
 * request that traps midway has written nothing. DynamoDBEngine flushes one write as is and several
 * inside one transactionSync (docs/PERFORMANCE.md: "Deferred writes").
 *
 * Pending writes are kept in the order made (flush applies them in that order, so the last write of
 * a key wins); reads look for a key's latest write.
 */
import type { KvHost } from "../engine/kv-host.js";
import { compareBytes } from "./bytes.js";

/** A pending write: the value to put, or null for a delete. */
interface PendingWrite {
  key: Uint8Array;
  value: Uint8Array | null;
}

export class WriteBuffer implements KvHost {
  readonly #inner: KvHost;
  #deferring = false;
  /** Pending writes in the order made. */
  #writes: PendingWrite[] = [];
  /** Each key's latest write (key bytes as a latin1 string), built by the first lookup among many. */
  #byKey: Map<string, PendingWrite> | null = null;
  /**
   * Copies of the pending keys and values, bump-allocated: one Uint8Array per value would cost
   * more than the transaction this saves (V8 allocates a backing store for each). Reused from
   * begin() on, so the inner host must not keep the views flush() hands it (KvHost's contract).
   */
  #arena = new Uint8Array(ARENA_BYTES);
  #used = 0;

  constructor(inner: KvHost) {
    this.#inner = inner;
  }

  /** Starts holding writes back (any still pending are forgotten). */
  begin(): void {
    this.#clear();
    this.#deferring = true;
  }

  /** Writes held since begin(). */
  get pendingCount(): number {
    return this.#writes.length;
  }

  /** Applies the pending writes to the inner host, in the order made, and stops deferring. */
  flush(): void {
    const writes = this.#writes;
    this.#deferring = false;
    this.#clear();
    for (const w of writes) {
      if (w.value === null) this.#inner.delete(w.key);
      else this.#inner.put(w.key, w.value);
    }
  }

  /** Forgets the pending writes and stops deferring. */
  discard(): void {
    this.#deferring = false;
    this.#clear();
  }

  get(key: Uint8Array): Uint8Array | null {
    const w = this.#writes.length > 0 ? this.#find(key) : undefined;
    return w !== undefined ? w.value : this.#inner.get(key);
  }

  put(key: Uint8Array, value: Uint8Array): void {
    if (!this.#deferring) return this.#inner.put(key, value);
    // Keys and values may be views into wasm memory, valid only during the call: copy them.
    this.#record(key, this.#copy(value));
  }

  delete(key: Uint8Array): void {
    if (!this.#deferring) return this.#inner.delete(key);
    this.#record(key, null);
  }

  /**
   * The inner host's entries merged with the pending writes in [start, end). Pending deletes can
   * hide at most one inner entry each, so the inner scan asks for that many more than limit: every
   * entry of the merged first `limit` is then among them or pending.
   */
  scan(start: Uint8Array, end: Uint8Array, reverse: boolean, limit: number): Array<[Uint8Array, Uint8Array]> {
    if (this.#writes.length === 0 || limit <= 0) return this.#inner.scan(start, end, reverse, limit);
    const inRange: PendingWrite[] = [];
    let deletes = 0;
    for (const w of this.#writes) {
      if (compareBytes(w.key, start) >= 0 && compareBytes(w.key, end) < 0 && this.#find(w.key) === w) {
        inRange.push(w);
        if (w.value === null) deletes++;
      }
    }
    if (inRange.length === 0) return this.#inner.scan(start, end, reverse, limit);
    const merged: Array<[Uint8Array, Uint8Array]> = [];
    for (const entry of this.#inner.scan(start, end, reverse, limit + deletes)) {
      if (this.#find(entry[0]) === undefined) merged.push(entry);
    }
    for (const w of inRange) if (w.value !== null) merged.push([w.key, w.value]);
    merged.sort(reverse ? (a, b) => compareBytes(b[0], a[0]) : (a, b) => compareBytes(a[0], b[0]));
    if (merged.length > limit) merged.length = limit;
    return merged;
  }

  nowMs(): number {
    return this.#inner.nowMs();
  }

  #clear(): void {
    if (this.#writes.length > 0) this.#writes = [];
    this.#byKey = null;
    this.#used = 0;
    if (this.#arena.length > ARENA_KEEP_BYTES) this.#arena = new Uint8Array(ARENA_BYTES);
  }

  /** A copy of bytes in the arena (a new, larger arena when full; views into the old one stay valid). */
  #copy(bytes: Uint8Array): Uint8Array {
    const n = bytes.length;
    if (this.#used + n > this.#arena.length) {
      this.#arena = new Uint8Array(Math.max(2 * this.#arena.length, n));
      this.#used = 0;
    }
    const view = this.#arena.subarray(this.#used, this.#used + n);
    view.set(bytes);
    this.#used += n;
    return view;
  }

  /** The latest pending write of key. */
  #find(key: Uint8Array): PendingWrite | undefined {
    const writes = this.#writes;
    if (writes.length > LINEAR_LOOKUP_MAX) {
      this.#byKey ??= new Map(writes.map((w) => [keyString(w.key), w]));
      return this.#byKey.get(keyString(key));
    }
    for (let i = writes.length - 1; i >= 0; i--) if (compareBytes(writes[i]!.key, key) === 0) return writes[i];
    return undefined;
  }

  #record(key: Uint8Array, value: Uint8Array | null): void {
    const w = { key: this.#copy(key), value };
    this.#writes.push(w);
    this.#byKey?.set(keyString(w.key), w);
  }
}

/** Up to this many pending writes, lookups compare keys one by one (cheaper than a Map's string keys). */
const LINEAR_LOOKUP_MAX = 16;
/** The arena's initial size, and the size past which begin() replaces it with a fresh one. */
const ARENA_BYTES = 64 * 1024;
const ARENA_KEEP_BYTES = 1024 * 1024;

/** The key's bytes as a string of char codes 0-255 (one-to-one, usable as a Map key). */
function keyString(key: Uint8Array): string {
  let s = "";
  for (let i = 0; i < key.length; i++) s += String.fromCharCode(key[i]!);
  return s;
}
