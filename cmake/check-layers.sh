#!/bin/sh
# check-layers.sh SRC: fails if a file under SRC (wasm/src) includes a folder above its own.
# The layers, bottom to top (CMakeLists.txt says what each holds); a file may include its own
# folder and the folders before it. The engine's entry point (engine.h, directly in SRC) sits
# above ops; module/ (the wasm build's exports) above everything. End-to-end tests (*_test.cc)
# may also include engine.h. A folder not in the list is an error: place it first.
set -eu
src=${1:?usage: check-layers.sh wasm/src}
cd "$src"
find . -name '*.h' -o -name '*.cc' | sort | awk '
  BEGIN {
    n = split("util format expr partiql storage request ops . module", order, " ")
    for (i = 1; i <= n; i++) rank[order[i]] = i
    bad = 0
  }
  {
    file = substr($0, 3)
    dir = file ~ /\// ? substr(file, 1, index(file, "/") - 1) : "."
    if (!(dir in rank)) { printf "%s: folder %s is not a layer (cmake/check-layers.sh)\n", file, dir; bad = 1; next }
    while ((getline line < $0) > 0) {
      if (line !~ /^#include "/) continue
      inc = line; sub(/^#include "/, "", inc); sub(/".*$/, "", inc)
      target = inc ~ /\// ? substr(inc, 1, index(inc, "/") - 1) : "."
      if (!(target in rank)) continue          # not ours (dodb/host.h, rapidjson/...)
      if (inc !~ /\// && inc != "engine.h") continue  # a sibling in a test fixture
      if (file ~ /_test\.cc$/ && inc == "engine.h") continue
      if (rank[target] > rank[dir]) {
        printf "%s includes %s: %s is above %s\n", file, inc, target, dir; bad = 1
      }
    }
    close($0)
  }
  END { exit bad }'
