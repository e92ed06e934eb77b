/**
 * A KvHost over a Durable Object's synchronous key-value API (ctx.storage.kv), the alternative to
 * SqlHost that the benchmark weighs (docs/PERFORMANCE.md). kv keys are strings ordered by UTF-16
 * code unit, so each key byte b becomes the code unit b (latin-1): byte order is kept, a shorter
 * prefix still sorts first. Values are stored as Uint8Array copies: kv.put structured-clones its
 * value, and a view into wasm memory would clone the whole wasm memory buffer. Keys live under
 * `prefix` so the engine's data can share the object with other kv users.
 */
import type { KvHost } from "../js/engine/kv-host.js";

const CHUNK = 4096;

/** Bytes as a string of code units 0-255, one per byte (order-preserving). */
export function bytesToKey(bytes: Uint8Array): string {
  if (bytes.length <= CHUNK) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let out = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

/** The inverse of bytesToKey. */
export function keyToBytes(key: string, offset = 0): Uint8Array {
  const out = new Uint8Array(key.length - offset);
  for (let i = offset; i < key.length; i++) out[i - offset] = key.charCodeAt(i);
  return out;
}

export class KvStorageHost implements KvHost {
  readonly #kv: SyncKvStorage;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(kv: SyncKvStorage, prefix = "", now: () => number = Date.now) {
    this.#kv = kv;
    this.#prefix = prefix;
    this.#now = now;
  }

  get(key: Uint8Array): Uint8Array | null {
    return this.#kv.get<Uint8Array>(this.#prefix + bytesToKey(key)) ?? null;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.#kv.put(this.#prefix + bytesToKey(key), value.slice());
  }

  delete(key: Uint8Array): void {
    this.#kv.delete(this.#prefix + bytesToKey(key));
  }

  scan(start: Uint8Array, end: Uint8Array, reverse: boolean, limit: number): Array<[Uint8Array, Uint8Array]> {
    if (limit <= 0) return [];
    const p = this.#prefix;
    const out: Array<[Uint8Array, Uint8Array]> = [];
    for (const [k, v] of this.#kv.list<Uint8Array>({ start: p + bytesToKey(start), end: p + bytesToKey(end), reverse, limit })) {
      out.push([keyToBytes(k, p.length), v]);
    }
    return out;
  }

  nowMs(): number {
    return this.#now();
  }
}
