#!/usr/bin/env bash
# Runs one case of the bad-input catalogue (cases/CASE.sh; issue 9, docs/RELIABILITY.md)
# through the real binaries and checks the promise: the command ends by itself (60 s) within a
# memory limit (4 GiB of address space); its exit code is one the case allows (1 or 2 for an
# error, never a signal); an error is exactly one stderr line `PROG: error: ...` naming what
# the case expects, printable and short (any other line is `PROG: warning: ...`); and nothing
# outside what the case may change was touched.
#
# Usage: CNNLAB=build/bin/cnnlab CNNLAB_LABEL=build/bin/cnnlab-label run_case.sh CASE
# ctest sets both, and CNNLAB_SANITIZED=1 in an ASan build, where an address-space limit cannot
# work (ASan reserves terabytes) and ASan's own RSS limit bounds memory instead.
#
# A case file may set these, then the runner calls `setup` in the case's working folder
# (ROOT/work, beside a sentinel tree ROOT/outside), runs `run` there and calls `check`:
#   program=cnnlab            the prefix of its stderr lines (cnnlab or cnnlab-label)
#   expect_exit="1 2"         the exit codes allowed
#   expect_stderr=FRAGMENT    what the error line (or on exit 0 a warning) must contain
#   may_change="work"         folders under ROOT the command may change ("" for none)
#   memory_kib=4194304        the address-space limit
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
name="$1"
: "${CNNLAB:?set CNNLAB to the cnnlab binary}" "${CNNLAB_LABEL:?set CNNLAB_LABEL to cnnlab-label}"

root="$(mktemp -d "${TMPDIR:-/tmp}/bad-input-$name.XXXXXX")"
logs="$(mktemp -d "${TMPDIR:-/tmp}/bad-input-logs.XXXXXX")"
trap 'chmod -R u+w "$root"; rm -rf "$root" "$logs"' EXIT

program=cnnlab
expect_exit="1 2"
expect_stderr=""
may_change="work"
memory_kib=4194304
setup() { :; }
check() { :; }
fail() {
  echo "FAIL $name: $*"
  echo "--- exit code ${status:-none}; stderr:"
  head -c 3000 "$logs/stderr" | cat -v
  echo "--- stdout (first lines):"
  head -n 5 "$logs/stdout" | cut -c1-300
  exit 1
}
# shellcheck source=lib.sh
source "$here/lib.sh"
# shellcheck source=/dev/null
source "$here/cases/$name.sh"

# What a traversal (`..`), a followed symlink or a rename over a path would hit.
mkdir -p "$root/work" "$root/outside/photos"
echo "keep me" >"$root/outside/notes.txt"
cp "$here/data/pixel.png" "$root/outside/photos/keep.png"
cd "$root/work"
setup

# Every path under ROOT except what may change: type, mode, size, link target and content.
digest() {
  local prune=() p
  for p in $may_change; do prune+=(-path "./$p" -prune -o); done
  cd "$root"
  {
    find . "${prune[@]}" -printf '%p %y %m %s %l\n' | sort
    find . "${prune[@]}" -type f -print0 | sort -z | xargs -0r sha256sum
  } | sha256sum
}
before="$(digest)"

if [[ "${CNNLAB_SANITIZED:-0}" == 1 ]]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:-}:hard_rss_limit_mb=$((memory_kib / 1024))"
  memory_kib=unlimited
fi
set +e
(ulimit -v "$memory_kib" && run) >"$logs/stdout" 2>"$logs/stderr"
status=$?
set -e
after="$(digest)"

[[ " $expect_exit " == *" $status "* ]] || fail "exit code $status, expected one of: $expect_exit"
[[ $(tr -d '\000' <"$logs/stderr" | wc -c) -eq $(wc -c <"$logs/stderr") ]] ||
  fail "NUL bytes on stderr"
errors=0
error_line=""
while IFS= read -r line; do
  if [[ "$line" == "$program: error: "* ]]; then
    errors=$((errors + 1))
    error_line="$line"
  elif [[ "$line" != "$program: warning: "* ]]; then
    fail "a stderr line that is neither our error nor our warning: ${line:0:300}"
  fi
  ((${#line} <= 4096)) || fail "a stderr line of ${#line} characters (long values are shortened)"
  if LC_ALL=C grep -q '[[:cntrl:]]' <<<"$line"; then fail "control characters on stderr"; fi
done <"$logs/stderr"
if [[ $status -ne 0 ]]; then
  [[ $errors -eq 1 ]] || fail "$errors error lines, expected exactly one"
  [[ "$error_line" == *"$expect_stderr"* ]] || fail "the error line does not name '$expect_stderr'"
else
  [[ $errors -eq 0 ]] || fail "an error line although the command succeeded"
  [[ -z "$expect_stderr" ]] || grep -qF -- "$expect_stderr" "$logs/stderr" ||
    fail "no warning naming '$expect_stderr'"
fi
[[ "$before" == "$after" ]] || fail "something outside '${may_change:-nothing}' changed"
check
echo "ok $name"
