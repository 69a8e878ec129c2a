#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer, in build-fuzz/
# (scripts/build-sanitized.sh: clang; the fuzzers use the same build). A sanitizer report fails
# the test it happens in. Arguments go to ctest (e.g. -E REGEX to leave tests out).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" --test
"$root/scripts/build-sanitized.sh"
cd "${CNNLAB_SANITIZED_BUILD_DIR:-$root/build-fuzz}"
# allocator_may_return_null: an allocation too large for memory fails as it does without ASan
# (std::bad_alloc, which cnnlab reports as an error line) instead of ending the process.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1" \
  LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" UBSAN_OPTIONS="print_stacktrace=1" \
  ctest --output-on-failure -j 2 --timeout 600 "$@"
