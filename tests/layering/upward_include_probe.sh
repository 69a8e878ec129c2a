#!/usr/bin/env bash
# The layering check must fail on a tree where a kernel includes the run history: a copy of
# the sources with one such include added.
set -euo pipefail
source_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/docs"
cp "$source_dir/docs/ARCHITECTURE.md" "$work/docs/"
cp -r "$source_dir/core" "$work/core"
checker="$(dirname "$0")/check_layering.py"
/usr/bin/python3 "$checker" "$work" > /dev/null || { echo "FAILED: the clean copy fails"; exit 1; }
printf '#include "cnnlab/host/run_store.hpp"\n' >> "$work/core/src/kernels/pooling.cpp"
if out=$(/usr/bin/python3 "$checker" "$work"); then
  echo "FAILED: an upward include passed the check"; exit 1
fi
grep -q "kernels may not include cnnlab/host/run_store.hpp" <<< "$out" || { echo "FAILED: $out"; exit 1; }
echo "the upward include was found"
