#!/usr/bin/env bash
# Installs what cnnlab needs from Debian 12 packages, only what is missing, without questions.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-program-options-dev libboost-filesystem-dev libboost-dev
  libopencv-dev libsqlite3-dev sqlite3 libyaml-cpp-dev libtbb-dev libdnnl-dev
  zlib1g-dev libssl-dev catch2 libbenchmark-dev
  libonnx-dev libprotobuf-dev
  dataset-fashion-mnist
)
if [[ "${1:-}" == "--test" ]]; then
  # The labeler's real-window test drives a window under a virtual X server.
  packages+=(xvfb xauth xdotool imagemagick)
  # The sanitizer suite and the fuzzers build with clang (libFuzzer is in libclang-rt).
  packages+=(clang libclang-rt-14-dev libomp-dev)
  # The formatting check (scripts/check-format.sh) uses the committed .clang-format.
  packages+=(clang-format)
  # The scale-out test runs a real one-node Slurm cluster (tests/slurm/local_slurm.sh).
  packages+=(slurm-wlm slurmctld slurmd slurm-client munge)
  # The HTML report is loaded in a real headless browser.
  packages+=(chromium fonts-dejavu-core)
  # The parity suite compares every layer and optimizer with PyTorch and checks exported ONNX
  # files; without OpenBLAS PyTorch falls back to the slow reference BLAS.
  packages+=(python3-torch python3-onnx python3-numpy libopenblas0-pthread)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
