/**
 * A KvHost wrapper for fault injection: once armed, the next put is performed and then throws, as a
 * host failure (or a trap) midway through a request would. The transaction around the request must
 * then roll that write back. `failWriteAt(k)` arms it instead for the k-th storage write (put or
 * delete) from now; `writes` counts the writes since the last arming or `disarm()`.
 */
import type { KvHost } from "../../js/engine/kv-host.js";

export class FaultyHost implements KvHost {
  readonly #inner: KvHost;
  armed = false;
  /** Writes (puts and deletes) since the last failWriteAt / disarm. */
  writes = 0;
  #failAt = 0;

  constructor(inner: KvHost) {
    this.#inner = inner;
  }

  get(key: Uint8Array): Uint8Array | null {
    return this.#inner.get(key);
  }

  /** Makes the k-th write (put or delete) from now throw after it is performed (k >= 1). */
  failWriteAt(k: number): void {
    this.writes = 0;
    this.#failAt = k;
  }

  /** Cancels failWriteAt and returns the writes counted since it (or since the last disarm). */
  disarm(): number {
    const n = this.writes;
    this.writes = 0;
    this.#failAt = 0;
    return n;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.#inner.put(key, value);
    this.#wrote("put");
    if (this.armed) {
      this.armed = false;
      throw new Error("injected host failure after a put");
    }
  }

  delete(key: Uint8Array): void {
    this.#inner.delete(key);
    this.#wrote("delete");
  }

  #wrote(kind: string): void {
    this.writes++;
    if (this.#failAt !== 0 && this.writes === this.#failAt) {
      this.#failAt = 0;
      throw new Error(`injected host failure after write ${this.writes} (a ${kind})`);
    }
  }

  scan(start: Uint8Array, end: Uint8Array, reverse: boolean, limit: number): Array<[Uint8Array, Uint8Array]> {
    return this.#inner.scan(start, end, reverse, limit);
  }

  nowMs(): number {
    return this.#inner.nowMs();
  }
}
