// wasm_exports.cc: the module's exports (engine.h) over one Engine on the host's store.
#include <cstdlib>

#include "dodb/engine.h"
#include "engine.h"
#include "module/host_store.h"

namespace {
dodb::HostStore g_store;
dodb::Engine g_engine(g_store);
std::string g_response;
}  // namespace

extern "C" {

uint8_t* dodb_alloc(uint32_t size) {
  void* p = std::malloc(size ? size : 1);
  if (!p) __builtin_trap();
  return static_cast<uint8_t*>(p);
}

void dodb_free(uint8_t* ptr) { std::free(ptr); }

int32_t dodb_handle(const uint8_t* op, uint32_t op_len, const uint8_t* body, uint32_t body_len) {
  dodb::Response r = g_engine.Handle(
      std::string_view(reinterpret_cast<const char*>(op), op_len),
      std::string_view(reinterpret_cast<const char*>(body), body_len));
  g_response = std::move(r.body);
  return r.status;
}

const uint8_t* dodb_response_ptr(void) {
  return reinterpret_cast<const uint8_t*>(g_response.data());
}

uint32_t dodb_response_len(void) { return static_cast<uint32_t>(g_response.size()); }

}  // extern "C"
