// fuzz_check.h: the one assertion the fuzz targets share. FUZZ_CHECK(cond, detail) prints the
// failed condition and a detail string, then aborts, which libFuzzer reports as a crash and saves
// the input (crash-<sha1>) for reproduction. Kept separate from the engine's own error paths.
#ifndef DODB_FUZZ_FUZZ_CHECK_H_
#define DODB_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#define FUZZ_CHECK(cond, detail)                                                          \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      const std::string _d(detail);                                                       \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n  %.*s\n", __FILE__, __LINE__, \
                   #cond, static_cast<int>(_d.size()), _d.data());                        \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)

#endif  // DODB_FUZZ_FUZZ_CHECK_H_
