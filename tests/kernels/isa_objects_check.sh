#!/usr/bin/env bash
# The objects compiled for AVX-512 may define nothing but their entry points in
# cnnlab::kernels_detail::avx512: a weak or global copy of an inline function or template
# compiled for AVX-512 could be the one the linker keeps for the whole library, and would
# fault on a CPU without AVX-512 (see core/src/kernels/avx512/direct_blocks.cpp).
# usage: isa_objects_check.sh OBJECT...
set -euo pipefail
status=0
for object in "$@"; do
  # Global and weak definitions only: local symbols (lower-case types) cannot be shared.
  while read -r type name; do
    if [[ "$type" != "T" || "$name" != cnnlab::kernels_detail::avx512::* ]]; then
      echo "FAILED: $object exports $type $name" >&2
      status=1
    fi
  done < <(nm -C --defined-only --extern-only "$object" | awk '{ type = $2; $1 = ""; $2 = ""; sub(/^ +/, ""); print type, $0 }')
done
[[ $# -gt 0 ]] || { echo "FAILED: no objects given" >&2; exit 1; }
exit $status
