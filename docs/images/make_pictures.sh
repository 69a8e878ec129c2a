#!/usr/bin/env bash
# Makes the pictures of the README tour and docs/VISUALIZING.md with the commands shown there,
# in WORKDIR (default: a new temporary folder), and copies them here. Trains the two models
# first unless WORKDIR has them (5.5 minutes on 2 cores).
# Usage: docs/images/make_pictures.sh [WORKDIR]   (after scripts/build.sh; CNNLAB=path overrides
# the binary)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/docs/images"
cnnlab="${CNNLAB:-$root/build/bin/cnnlab}"
work="${1:-$(mktemp -d /tmp/cnnlab-pictures.XXXXXX)}"
mkdir -p "$work"
cd "$work"
plain=fashion_32_64.dropout_0.0_bn_false.cnnlab
normalized=fashion_32_64.dropout_0.0_bn_true.cnnlab

if [[ ! -f $plain || ! -f $normalized ]]; then
  "$cnnlab" run "$root/experiments/fashion_dropout_bn_kfold.yaml" \
    --variant dropout=0.0,bn=false --variant dropout=0.0,bn=true \
    --set dataset.limit_train=12000 --set cross_validation.folds=2 \
    --set training.save_model=fashion_32_64.cnnlab --db pictures.db
fi
# The first test image, an ankle boot (head ends the pipe early: no pipefail here).
(set +o pipefail
 zcat /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz | tail -c +17 | head -c 784 |
   convert -size 28x28 -depth 8 gray:- boot.png)

"$cnnlab" show filters $plain -o "$out/show_filters.png"
"$cnnlab" show activations $plain boot.png -o "$out/show_activations.png"
"$cnnlab" show activations $plain boot.png --layer conv2d --layer max_pooling2d_1 \
  -o "$out/show_activations_two_layers.png"
"$cnnlab" show saliency $plain boot.png -o "$out/show_saliency.png"
"$cnnlab" landscape $plain --compare $normalized \
  --experiment "$root/experiments/fashion_dropout_bn_kfold.yaml" \
  -o "$out/landscape_1d.png" --csv landscape_1d.csv
"$cnnlab" runs report --db pictures.db -o report.html
chromium --headless --no-sandbox --disable-gpu --screenshot="$out/runs_report.png" \
  --window-size=1280,1600 "file://$work/report.html" 2> /dev/null
echo "pictures in $out, models and report in $work"
