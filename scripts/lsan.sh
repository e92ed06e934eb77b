#!/usr/bin/env bash
# LeakSanitizer (with ASan and UBSan) over the native unit tests: builds the engine and
# dodb_tests with -DDODB_SANITIZE=ON into build/asan and runs every test with leak detection on.
# Every engine test (including the end-to-end requests over MemoryStore in engine_test.cc,
# batch_transact_test.cc, query_scan_test.cc, ...) must finish with no leak, no memory error and
# no undefined behaviour. Exit status: non-zero on any report.
# Usage: scripts/lsan.sh [gtest filter]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build/asan -DDODB_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19 >/dev/null
cmake --build build/asan -j "$jobs" --target dodb_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
LSAN_OPTIONS=report_objects=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build/asan/dodb_tests --gtest_brief=1 ${1:+--gtest_filter="$1"}
echo "lsan: dodb_tests clean under ASan + LSan + UBSan"
