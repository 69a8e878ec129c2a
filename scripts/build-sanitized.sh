#!/usr/bin/env bash
# Configures build-fuzz/ (or $CNNLAB_SANITIZED_BUILD_DIR): clang with AddressSanitizer + UndefinedBehaviorSanitizer, and every
# library instrumented for libFuzzer's coverage feedback (CNNLAB_FUZZ). The sanitizer test
# suite and the fuzzers share this one build, so CI compiles the sanitized code once. Builds
# the given targets (default: everything).
# Usage: scripts/build-sanitized.sh [TARGET...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CNNLAB_SANITIZED_BUILD_DIR:-$root/build-fuzz}"
# Line tables are all the sanitizers' and libFuzzer's stack traces need; full debug info only
# makes compiling and linking slower.
flags="-O2 -gline-tables-only -DNDEBUG"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$flags" \
  -DCNNLAB_SANITIZE=ON -DCNNLAB_FUZZ=ON -DCNNLAB_BUILD_TESTS=ON -DCNNLAB_BUILD_BENCH=OFF >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build" -j "${CNNLAB_JOBS:-2}" "${targets[@]}"
