#!/usr/bin/env bash
# Configures and builds cnnlab in Release into build/ (or $CNNLAB_BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CNNLAB_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build "$build" -j "${CNNLAB_JOBS:-2}"
