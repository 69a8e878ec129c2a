#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer into build-asan/ and
# runs the whole test suite there (slower than scripts/test.sh: about 15 minutes on 2 cores).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" --test
cmake -S "$root" -B "$root/build-asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCNNLAB_SANITIZE=ON -DCNNLAB_BUILD_BENCH=OFF
cmake --build "$root/build-asan" -j "${CNNLAB_JOBS:-2}"
cd "$root/build-asan"
LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" ctest --output-on-failure -j 2 --timeout 600
