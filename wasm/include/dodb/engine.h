/* engine.h: what the engine exports to its host (the wasm module's exports, by these names).
 *
 * One request = one call:
 *   op   = dodb_alloc(op_len);   copy the operation name ("PutItem") in, UTF-8, no terminator
 *   body = dodb_alloc(body_len); copy the request JSON (DynamoDB's wire format) in
 *   status = dodb_handle(op, op_len, body, body_len);   // HTTP status: 200, 400 or 500
 *   response = bytes [dodb_response_ptr(), +dodb_response_len())  // JSON, valid until next call
 *   dodb_free(op); dodb_free(body);
 * Errors are JSON bodies {"__type": "<namespace>#<Type>", "message": "..."} with status 400
 * (client errors) or 500 (internal). The host must call _initialize() once after instantiation.
 * A trap leaves the module unusable: the host rolls back the request and re-instantiates.
 *
 * If this file changes, js/engine/wasm-engine.ts must change too.
 */
#ifndef DODB_ENGINE_H_
#define DODB_ENGINE_H_

#include <stdint.h>

#ifdef __wasm__
#define DODB_EXPORT(name) __attribute__((export_name(#name)))
#else
#define DODB_EXPORT(name)
#endif

#ifdef __cplusplus
extern "C" {
#endif

DODB_EXPORT(dodb_alloc) uint8_t* dodb_alloc(uint32_t size);
DODB_EXPORT(dodb_free) void dodb_free(uint8_t* ptr);
DODB_EXPORT(dodb_handle) int32_t dodb_handle(const uint8_t* op, uint32_t op_len,
                                             const uint8_t* body, uint32_t body_len);
DODB_EXPORT(dodb_response_ptr) const uint8_t* dodb_response_ptr(void);
DODB_EXPORT(dodb_response_len) uint32_t dodb_response_len(void);

#ifdef __cplusplus
}
#endif

#endif /* DODB_ENGINE_H_ */
