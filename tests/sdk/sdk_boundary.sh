#!/usr/bin/env bash
# usage: sdk_boundary.sh CXX PROBE -IDIR...  (the include directories of cnnlab::core)
# A plugin sees the SDK (cnnlab/...) and not the host's API (cnnlab/host/...).
set -uo pipefail
cxx=$1 probe=$2
shift 2
if ! "$cxx" -std=c++17 -fsyntax-only "$@" "$probe"; then
  echo "FAILED: the SDK headers do not compile with the SDK's include directories alone"
  exit 1
fi
if out=$("$cxx" -std=c++17 -fsyntax-only -DCNNLAB_PROBE_HOST "$@" "$probe" 2>&1); then
  echo "FAILED: a host header compiled with the SDK's include directories"
  exit 1
fi
if ! grep -q "cnnlab/host/run_store.hpp" <<< "$out"; then
  echo "FAILED: the host include failed for another reason:"
  echo "$out"
  exit 1
fi
echo "the SDK compiles alone; cnnlab/host/run_store.hpp is out of a plugin's reach"
