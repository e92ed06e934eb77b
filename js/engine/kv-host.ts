/**
 * The storage a wasm engine runs on: one ordered map from byte-string keys to byte-string values,
 * keys compared bytewise (memcmp, a shorter prefix first). This is the JavaScript face of
 * wasm/include/dodb/host.h; each implementation (memory-host.ts for Node, sql-host.ts for a Durable
 * Object) must give identical answers. Keys and values handed in may be views into wasm memory that
 * are only valid during the call: an implementation that keeps one must copy it.
 */
export interface KvHost {
  /** The value stored under key, or null when the key is absent. */
  get(key: Uint8Array): Uint8Array | null;
  /** Sets key to value, replacing any previous value. */
  put(key: Uint8Array, value: Uint8Array): void;
  /** Removes key if present. */
  delete(key: Uint8Array): void;
  /**
   * Entries with start <= key < end, ascending (from the top down when reverse), at most limit of
   * them (none when limit <= 0).
   */
  scan(start: Uint8Array, end: Uint8Array, reverse: boolean, limit: number): Array<[Uint8Array, Uint8Array]>;
  /** Wall-clock milliseconds since the Unix epoch. */
  nowMs(): number;
}
