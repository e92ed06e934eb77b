// wasm_runtime.cc: the few runtime pieces that would otherwise pull WASI imports (stdio) into the
// module. With -fno-exceptions, libc++'s abort path and the default operator new print through
// stdio; here they trap instead, so the module imports nothing but host.h's functions.
#include <cstdlib>
#include <new>

namespace std {
inline namespace __2 {
[[noreturn]] void __libcpp_verbose_abort(const char*, ...) { __builtin_trap(); }
}  // namespace __2
}  // namespace std

void* operator new(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) __builtin_trap();
  return p;
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
