#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzzer.cc; CMake option DODB_FUZZ, clang-19 with ASan +
# UBSan) into build/fuzz and runs each for the given number of seconds (default 20), starting
# from a copy of its seed corpus in build/fuzz/corpus/<target> (so runs never write into the
# repo), with its dictionary. Prints executions and final coverage per target. Exits non-zero
# only if a target crashed (sanitizer report, failed check, hang past -timeout, OOM or leak);
# the input that did it is saved as build/fuzz/artifacts/<target>-crash-*.
# Usage: [FUZZ_NO_BUILD=1] scripts/fuzz.sh [seconds-per-target] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)

if ! ls /usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: libFuzzer runtime missing (Debian package libclang-rt-19-dev; scripts/setup.sh installs it)" >&2
  exit 2
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/*_fuzzer.cc; do targets+=("$(basename "$f" .cc)"); done
fi

if [ -z "${FUZZ_NO_BUILD:-}" ]; then  # FUZZ_NO_BUILD=1: reuse the binaries (parallel runs)
cmake -S . -B build/fuzz -DDODB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19 >/dev/null
cmake --build build/fuzz -j "$jobs" --target "${targets[@]}" >build/fuzz/build.log 2>&1 || {
  tail -40 build/fuzz/build.log >&2
  exit 2
}
fi

max_len() {
  case "$1" in
    key_codec_fuzzer) echo 256 ;;
    expression_parser_fuzzer) echo 512 ;;
    item_codec_fuzzer) echo 1024 ;;
    attribute_value_fuzzer) echo 2048 ;;
    *) echo 4096 ;;
  esac
}

mkdir -p build/fuzz/corpus build/fuzz/artifacts build/fuzz/logs
failed=()
printf '%-28s %12s %8s %8s %6s  %s\n' target executions cov ft corpus result
for t in "${targets[@]}"; do
  corpus=build/fuzz/corpus/$t
  mkdir -p "$corpus"
  [ -d "fuzz/corpus/$t" ] && cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  log=build/fuzz/logs/$t.log
  rc=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "build/fuzz/$t" "$corpus" "${dict[@]}" -max_len="$(max_len "$t")" -max_total_time="$seconds" \
      -timeout=30 -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$t-" \
      >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED|REDUCE|NEW|pulse)' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")
  result=ok
  if [ "$rc" -ne 0 ]; then
    result="CRASH (rc $rc, log $log)"
    failed+=("$t")
  fi
  printf '%-28s %12s %8s %8s %6s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  for t in "${failed[@]}"; do
    echo "---- $t (build/fuzz/logs/$t.log) ----" >&2
    grep -E 'ERROR|FUZZ_CHECK|runtime error|SUMMARY|Test unit written|==[0-9]+==' "build/fuzz/logs/$t.log" | head -20 >&2
  done
  exit 1
fi
