/* host.h: the whole contract between the engine and its host.
 *
 * The engine sees its storage as one ordered map from byte-string keys to byte-string values
 * (keys compare by memcmp, a shorter prefix first). The host provides it through these
 * synchronous functions; in the wasm build they are imports from module "env", natively they
 * are plain C functions. Every call happens inside one request, and the host runs each request
 * in one storage transaction, so a request is all-or-nothing.
 *
 * Results with a variable size are staged by the host and copied out with kv_take:
 *   n = kv_get(...);  if (n >= 0) kv_take(buffer_of_n_bytes);
 * A staged result lives until the next kv_* call.
 *
 * If this file changes, js/engine/wasm-engine.ts (the JS side of the imports) must change too.
 */
#ifndef DODB_HOST_H_
#define DODB_HOST_H_

#include <stdint.h>

#ifdef __wasm__
#define DODB_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#else
#define DODB_IMPORT(name)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Looks up key. Returns the value's length and stages the value, or -1 if the key is absent. */
DODB_IMPORT(kv_get) int32_t kv_get(const uint8_t* key, uint32_t key_len);

/* Sets key to value, replacing any previous value. */
DODB_IMPORT(kv_put) void kv_put(const uint8_t* key, uint32_t key_len, const uint8_t* value,
                                uint32_t value_len);

/* Removes key if present. */
DODB_IMPORT(kv_delete) void kv_delete(const uint8_t* key, uint32_t key_len);

/* Ordered range scan over start <= key < end, at most limit entries, ascending keys unless
 * reverse != 0 (then the same range from the top down). Stages the entries as consecutive records
 *   [u32 little-endian key length][key][u32 little-endian value length][value]
 * and returns the staged byte count (0 when the range is empty). */
DODB_IMPORT(kv_scan) int32_t kv_scan(const uint8_t* start, uint32_t start_len, const uint8_t* end,
                                     uint32_t end_len, int32_t reverse, int32_t limit);

/* Copies the staged result of the last kv_get / kv_scan into dst (which has room for it). */
DODB_IMPORT(kv_take) void kv_take(uint8_t* dst);

/* Wall-clock time in milliseconds since the Unix epoch. */
DODB_IMPORT(host_now_ms) double host_now_ms(void);

#ifdef __cplusplus
}
#endif

#endif /* DODB_HOST_H_ */
