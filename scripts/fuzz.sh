#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ into build-fuzz/ (scripts/build-sanitized.sh: clang,
# ASan + UBSan) and runs each for SECONDS (default 60), one after the other on one core. A
# target's run starts from the committed seeds (fuzz/corpus/<target>/) plus what earlier runs
# here added (build-fuzz/corpus/<target>/); whatever crashes, leaks, trips a sanitizer, takes over 10 s or
# over 2 GiB is saved under build-fuzz/findings/<target>/ and fuzzing goes on. Exits 1 when any
# target has a finding there (earlier ones count until you delete them).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: the .cpp names in fuzz/, default all)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-fuzz"
seconds="${1:-60}"
shift $(($# > 0 ? 1 : 0))

"$root/scripts/build-sanitized.sh" fuzzers

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for dir in "$root"/fuzz/corpus/*/; do targets+=("$(basename "$dir")"); done
fi

# The longest input worth trying: a little above the largest valid file of each format, so
# that header fields can claim far more than the file holds.
max_len() {
  case "$1" in
    where) echo 512 ;;
    set_override) echo 1024 ;;
    cifar) echo 8192 ;;
    model_file | image) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1"
# The targets write their input files under TMPDIR; a crashed run leaves its folder there.
export TMPDIR="$build/tmp"
mkdir -p "$TMPDIR" "$build/logs"
failed=()
for name in "${targets[@]}"; do
  corpus="$build/corpus/$name"
  findings="$build/findings/$name"
  log="$build/logs/$name.log"
  mkdir -p "$corpus" "$findings"
  echo "fuzz_$name: ${seconds}s (log: ${log#"$root"/})"
  # -fork=1 runs the inputs in one child process at a time and, with the -ignore_* flags,
  # keeps fuzzing after a finding, so one shallow bug does not hide the rest of the run.
  "$build/bin/fuzz_$name" -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$(max_len "$name")" \
    -artifact_prefix="$findings/" "$corpus" "$root/fuzz/corpus/$name" >"$log" 2>&1 || true
  grep -E '^#[0-9]+' "$log" | tail -n 1 || true
  found=$(find "$findings" -type f | wc -l)
  if [[ $found -gt 0 ]]; then
    echo "fuzz_$name: $found finding(s) in ${findings#"$root"/}"
    failed+=("$name")
  fi
done
rm -rf "$TMPDIR"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: findings in: ${failed[*]} (reproduce: build-fuzz/bin/fuzz_TARGET FILE)" >&2
  exit 1
fi
