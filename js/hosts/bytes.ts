/**
 * Byte-string helpers shared by the hosts: memcmp ordering (a shorter prefix first), as the
 * engine's keys require, and a copy that detaches a view from wasm memory.
 */

/** Negative, zero or positive as a sorts before, equal to or after b (memcmp, shorter first). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** A copy of bytes that owns its own buffer (safe to keep after the wasm call returns). */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}
