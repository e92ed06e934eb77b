#!/usr/bin/env bash
# `npm test`: installs what is missing, builds, and runs every test:
# C++ unit tests (CTest), a short libFuzzer run per target, then the JS tests (type check,
# node --test, Miniflare/workerd).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
echo "== C++ unit tests (CTest)"
ctest --test-dir build/native --output-on-failure -j 2
echo "== Fuzzing, briefly (10 s per libFuzzer target; long runs: fuzz/README.md)"
scripts/fuzz.sh 10
echo "== JS tests (tsc, node --test, Miniflare)"
npm run test:js
