/**
 * An in-memory KvHost: parallel sorted arrays of keys and values, found by binary search. Used in
 * Node (unit tests, scripts) and as the reference the SQL host is compared with. Writes are O(n)
 * array splices, fine for test-sized data. Not transactional: a request that throws midway keeps the
 * writes it made (use a fresh host, or snapshot(), when that matters).
 */
import type { KvHost } from "../engine/kv-host.js";
import { compareBytes, copyBytes } from "./bytes.js";

export class MemoryHost implements KvHost {
  #keys: Uint8Array[] = [];
  #values: Uint8Array[] = [];
  #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get size(): number {
    return this.#keys.length;
  }

  get(key: Uint8Array): Uint8Array | null {
    const i = this.#lowerBound(key);
    return i < this.#keys.length && compareBytes(this.#keys[i]!, key) === 0 ? this.#values[i]! : null;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    const i = this.#lowerBound(key);
    if (i < this.#keys.length && compareBytes(this.#keys[i]!, key) === 0) {
      this.#values[i] = copyBytes(value);
    } else {
      this.#keys.splice(i, 0, copyBytes(key));
      this.#values.splice(i, 0, copyBytes(value));
    }
  }

  delete(key: Uint8Array): void {
    const i = this.#lowerBound(key);
    if (i < this.#keys.length && compareBytes(this.#keys[i]!, key) === 0) {
      this.#keys.splice(i, 1);
      this.#values.splice(i, 1);
    }
  }

  scan(start: Uint8Array, end: Uint8Array, reverse: boolean, limit: number): Array<[Uint8Array, Uint8Array]> {
    const out: Array<[Uint8Array, Uint8Array]> = [];
    const lo = this.#lowerBound(start);
    const hi = this.#lowerBound(end);
    if (reverse) {
      for (let i = hi - 1; i >= lo && out.length < limit; i--) out.push([this.#keys[i]!, this.#values[i]!]);
    } else {
      for (let i = lo; i < hi && out.length < limit; i++) out.push([this.#keys[i]!, this.#values[i]!]);
    }
    return out;
  }

  nowMs(): number {
    return this.#now();
  }

  /** All entries in key order (copies), for tests and snapshots. */
  entries(): Array<[Uint8Array, Uint8Array]> {
    return this.#keys.map((k, i) => [copyBytes(k), copyBytes(this.#values[i]!)]);
  }

  /** Index of the first key >= key. */
  #lowerBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes(this.#keys[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
