#!/usr/bin/env bash
# Builds the engine twice from the same sources: natively (unit tests) and as wasm.
#   build/native/dodb_tests   GoogleTest binary (run by CTest)
#   build/wasm/engine.wasm    the module the JS layer imports
# Usage: scripts/build.sh [--wasm-only]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
if [ "${1:-}" != "--wasm-only" ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_COMPILER=clang-19 >/dev/null
  cmake --build build/native -j "$jobs"
fi
cmake -S . -B build/wasm -DCMAKE_TOOLCHAIN_FILE=cmake/wasm32-wasi.cmake >/dev/null
cmake --build build/wasm -j "$jobs"
