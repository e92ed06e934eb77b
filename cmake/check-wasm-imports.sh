#!/bin/sh
# Fails if the wasm module imports anything but host.h's functions (wasm/include/dodb/host.h):
# a WASI import would make the module unloadable in workerd.
set -eu
extra=$(wasm-objdump -x -j Import "$1" | grep -- ' <- ' | grep -v -E ' <- env\.(kv_get|kv_put|kv_delete|kv_scan|kv_take|host_now_ms)$' || true)
if [ -n "$extra" ]; then
  echo "$1 imports more than host.h's functions:" >&2
  echo "$extra" >&2
  exit 1
fi
