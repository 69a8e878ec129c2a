#!/usr/bin/env bash
# Trains the lecture's four models with `cnnlab bench` and with the PyTorch reference
# (../shared/anchors/torch_bench.py) in the same run, and prints throughput ratios.
#
# usage: bench/compare.sh [--threads N] [--seconds S] [--models M1,M2,M3,M4] [--batch B]
# needs: a Release build in build/ (scripts/build.sh), Debian's python3-torch and
# libopenblas0-pthread (without it Debian's torch multiplies matrices with the reference BLAS,
# at about 5 GFLOP/s, and the comparison would be against a crippled peer).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
anchors="${CNNLAB_ANCHORS:-$root/../shared/anchors}"
cnnlab="${CNNLAB_EXE:-$root/build/bin/cnnlab}"
threads=2 seconds=10 models=M1,M2,M3,M4 batch=200
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x "$cnnlab" ]] || { echo "compare.sh: $cnnlab not built (run scripts/build.sh)" >&2; exit 2; }
[[ -f "$anchors/torch_bench.py" ]] || { echo "compare.sh: no $anchors/torch_bench.py" >&2; exit 2; }
/usr/bin/python3 -c "import torch" 2>/dev/null ||
  { echo "compare.sh: PyTorch missing: apt-get install python3-torch" >&2; exit 2; }

blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)
[[ "$blas" == *openblas* ]] ||
  { echo "compare.sh: PyTorch would use the reference BLAS ($blas): apt-get install libopenblas0-pthread" >&2; exit 2; }

declare -A experiment=(
  [M1]=experiments/seed/mnist_1ch.yaml [M2]=experiments/seed/mnist_32_64.yaml
  [M3]=experiments/seed/cifar10_3conv.yaml [M4]=experiments/seed/cifar10_bn_dropout.yaml)

torch_out=$(cd "$anchors" && OPENBLAS_CORETYPE=SkylakeX OMP_NUM_THREADS="$threads" \
  OPENBLAS_NUM_THREADS="$threads" /usr/bin/python3 torch_bench.py --threads "$threads" \
  --secs "$seconds" --models "$models" --batch "$batch")
echo "$torch_out" | head -1

printf '\n%-4s %-8s %12s %12s %8s\n' model phase cnnlab torch ratio
IFS=, read -ra list <<< "$models"
for m in "${list[@]}"; do
  ours=$(cd "$root" && "$cnnlab" bench "${experiment[$m]}" --batch "$batch" --seconds "$seconds" \
    --threads "$threads")
  for phase in train inference; do
    mine=$(echo "$ours" | awk -v p="$phase:" '$1 == p {print $2}')
    key=$([[ $phase == train ]] && echo TRAIN || echo INFER)
    theirs=$(echo "$torch_out" | awk -v k="$key" -v m="$m" '$1 == k && $2 == m {
      for (i = 1; i <= NF; i++) if ($i == "img/s") { print $(i-1); exit } }')
    ratio=$(awk -v a="$mine" -v b="$theirs" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
    printf '%-4s %-8s %12s %12s %8s\n' "$m" "$phase" "$mine" "$theirs" "$ratio"
  done
done
