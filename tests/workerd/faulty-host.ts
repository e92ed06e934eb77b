/**
 * A KvHost wrapper for fault injection: once armed, the next put is performed and then throws, as a
 * host failure (or a trap) midway through a request would. The transaction around the request must
 * then roll that write back.
 */
import type { KvHost } from "../../js/engine/kv-host.js";

export class FaultyHost implements KvHost {
  readonly #inner: KvHost;
  armed = false;

  constructor(inner: KvHost) {
    this.#inner = inner;
  }

  get(key: Uint8Array): Uint8Array | null {
    return this.#inner.get(key);
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.#inner.put(key, value);
    if (this.armed) {
      this.armed = false;
      throw new Error("injected host failure after a put");
    }
  }

  delete(key: Uint8Array): void {
    this.#inner.delete(key);
  }

  scan(start: Uint8Array, end: Uint8Array, reverse: boolean, limit: number): Array<[Uint8Array, Uint8Array]> {
    return this.#inner.scan(start, end, reverse, limit);
  }

  nowMs(): number {
    return this.#inner.nowMs();
  }
}
