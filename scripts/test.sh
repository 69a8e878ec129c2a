#!/usr/bin/env bash
# The second README command: install what is missing (test tools too), check the formatting,
# build, run every test;
# then the whole suite again under ASan + UBSan and every fuzzer for a few seconds
# (docs/RELIABILITY.md). CI runs exactly this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" --test
"$root/scripts/check-format.sh"
"$root/scripts/build.sh"
(cd "$root/build" && ctest --output-on-failure -j 2 --timeout 600)
"$root/scripts/test-sanitizers.sh"
# Nine targets: about a minute in all.
"$root/scripts/fuzz.sh" "${CNNLAB_FUZZ_SECONDS:-6}"
