#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building and testing do-dynamodb:
# the clang-19 wasm toolchain, binaryen, wabt, RapidJSON, GoogleTest, CMake, the AWS CLI
# (used by the CLI tests), and the npm dependencies (npm ci, from the committed lockfile).
# Does nothing that is already done, so it is cheap to run before every build.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(clang-19 lld-19 wasi-libc libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 libclang-rt-19-dev-wasm32
          binaryen wabt rapidjson-dev libgtest-dev cmake libclang-rt-19-dev)
command -v aws >/dev/null 2>&1 || packages+=(awscli)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
