/**
 * Runs the C++ engine (build/wasm/engine.wasm) over a KvHost: the JavaScript side of
 * wasm/include/dodb/host.h (the six "env" imports) and wasm/include/dodb/engine.h (the exports).
 * Variable-size results (kv_get, kv_scan) are staged here and copied into wasm memory by kv_take;
 * scans are packed as [u32 LE key length][key][u32 LE value length][value] records. A request that
 * throws (a wasm trap, or a host error unwinding through wasm) leaves the instance unusable, so it is
 * dropped, re-instantiated before the next request, and the error is rethrown for the caller's
 * transaction to roll back. If host.h or engine.h change, this file must change too.
 */
import type { KvHost } from "./kv-host.js";
import type { EngineResponse } from "./types.js";

interface EngineExports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  dodb_alloc(size: number): number;
  dodb_free(ptr: number): void;
  dodb_handle(op: number, opLen: number, body: number, bodyLen: number): number;
  dodb_response_ptr(): number;
  dodb_response_len(): number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

export class WasmEngine {
  readonly #module: WebAssembly.Module;
  readonly #host: KvHost;
  #exports: EngineExports | null = null;
  #bytes: Uint8Array = EMPTY; // view of the current memory buffer; empty once growth detaches it
  #staged: Uint8Array = EMPTY; // result of the last kv_get / kv_scan, until kv_take
  readonly #opBytes = new Map<string, Uint8Array>();

  constructor(module: WebAssembly.Module, host: KvHost) {
    this.#module = module;
    this.#host = host;
  }

  /** Runs one operation. Throws (after discarding the instance) if the engine traps. */
  handle(op: string, body: string | Uint8Array): EngineResponse {
    const ex = this.#exports ?? this.#instantiate();
    const opBytes = this.#encodeOp(op);
    const maxBody = typeof body === "string" ? body.length * 3 : body.length;
    const ptr = ex.dodb_alloc(opBytes.length + maxBody);
    try {
      const mem = this.#memory();
      mem.set(opBytes, ptr);
      const bodyPtr = ptr + opBytes.length;
      let bodyLen: number;
      if (typeof body === "string") {
        bodyLen = encoder.encodeInto(body, mem.subarray(bodyPtr, bodyPtr + maxBody)).written;
      } else {
        mem.set(body, bodyPtr);
        bodyLen = body.length;
      }
      const status = ex.dodb_handle(ptr, opBytes.length, bodyPtr, bodyLen);
      const resPtr = ex.dodb_response_ptr();
      const text = decoder.decode(this.#memory().subarray(resPtr, resPtr + ex.dodb_response_len()));
      ex.dodb_free(ptr);
      return { status, body: text };
    } catch (err) {
      this.#exports = null;
      throw err;
    } finally {
      this.#staged = EMPTY;
    }
  }

  /** The wasm linear memory's size in bytes (0 before the first request); it never shrinks, so it is the peak. */
  memoryBytes(): number {
    return this.#exports ? this.#exports.memory.buffer.byteLength : 0;
  }

  /** Drops the instance; the next request starts from a fresh one (used after a trap). */
  reset(): void {
    this.#exports = null;
  }

  #instantiate(): EngineExports {
    const instance = new WebAssembly.Instance(this.#module, { env: this.#imports() });
    const ex = instance.exports as unknown as EngineExports;
    this.#exports = ex;
    this.#bytes = EMPTY;
    ex._initialize();
    return ex;
  }

  /** A view of all of memory. Growing memory detaches the old buffer (length 0): then re-view. */
  #memory(): Uint8Array {
    if (this.#bytes.length === 0) this.#bytes = new Uint8Array(this.#exports!.memory.buffer);
    return this.#bytes;
  }

  #view(ptr: number, len: number): Uint8Array {
    return this.#memory().subarray(ptr, ptr + len);
  }

  #encodeOp(op: string): Uint8Array {
    let bytes = this.#opBytes.get(op);
    if (bytes === undefined) {
      bytes = encoder.encode(op);
      if (this.#opBytes.size < 256) this.#opBytes.set(op, bytes);
    }
    return bytes;
  }

  #imports(): Record<string, (...args: number[]) => number | void> {
    const host = this.#host;
    return {
      kv_get: (k, kl) => {
        const value = host.get(this.#view(k, kl));
        this.#staged = value ?? EMPTY;
        return value === null ? -1 : value.length;
      },
      kv_put: (k, kl, v, vl) => host.put(this.#view(k, kl), this.#view(v, vl)),
      kv_delete: (k, kl) => host.delete(this.#view(k, kl)),
      kv_scan: (s, sl, e, el, reverse, limit) => {
        const entries = host.scan(this.#view(s, sl), this.#view(e, el), reverse !== 0, limit);
        this.#staged = packEntries(entries);
        return this.#staged.length;
      },
      kv_take: (dst) => {
        this.#memory().set(this.#staged, dst);
        this.#staged = EMPTY;
      },
      host_now_ms: () => host.nowMs(),
    };
  }
}

/** Packs scan results as consecutive [u32 LE klen][key][u32 LE vlen][value] records. */
export function packEntries(entries: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  if (entries.length === 0) return EMPTY;
  let size = 0;
  for (const [k, v] of entries) size += 8 + k.length + v.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let pos = 0;
  for (const [k, v] of entries) {
    view.setUint32(pos, k.length, true);
    out.set(k, pos + 4);
    pos += 4 + k.length;
    view.setUint32(pos, v.length, true);
    out.set(v, pos + 4);
    pos += 4 + v.length;
  }
  return out;
}
