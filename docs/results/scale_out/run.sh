#!/usr/bin/env bash
# The dropout x batchnorm 5-fold comparison (4 variants x 5 folds = 20 cells) on a Fashion-MNIST
# subset, once locally and once through a local Slurm cluster with one running task cancelled
# and the run resumed with --slurm --resume; writes the outputs beside this script.
# Usage: docs/results/scale_out/run.sh   (after scripts/build.sh and install-deps.sh --test)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
out="$root/docs/results/scale_out"
cnnlab="$root/build/bin/cnnlab"
source "$root/tests/slurm/local_slurm.sh"
work="$(mktemp -d /tmp/cnnlab-scale-out.XXXXXX)"
trap 'slurm_stop' EXIT
cd "$work"
sets=(--set dataset.limit_train=3000 --set dataset.limit_test=2000 --set training.batch_size=50
      --set training.epochs=6)
experiment="$root/experiments/fashion_dropout_bn_kfold.yaml"

"$cnnlab" plan "$experiment" "${sets[@]}" > "$out/plan.txt"
start=$(date +%s)
"$cnnlab" run "$experiment" "${sets[@]}" --db local.db > local.log
echo "local run: $(( $(date +%s) - start )) s" > "$out/timings.txt"
sed -n '/^variant /,$p' local.log > "$out/local_table.txt"

slurm_start "$work/cluster"
start=$(date +%s)
"$cnnlab" run "$experiment" "${sets[@]}" --slurm --sbatch-arg=--cpus-per-task=2 \
  --db cluster.db | tee "$out/submit.txt"
array=$(grep -oE 'job array [0-9]+' "$out/submit.txt" | awk '{print $NF}')
merge=$(grep -oE 'merge job [0-9]+' "$out/submit.txt" | awk '{print $NF}')
folder=$(grep -oE 'Run folder .*' "$out/submit.txt" | cut -d' ' -f3)
# Cancel cell 7 once it is in its third epoch: a task lost mid-run, as a preemption would.
until grep -q "Epoch 3/" "$folder/logs/cell-7.log" 2> /dev/null; do sleep 1; done
scancel "${array}_7"
echo "cancelled task ${array}_7 in its third epoch" >> "$out/timings.txt"
slurm_wait "$array,$merge" 7200
cp "$folder/logs/merge.log" "$out/merge_after_cancel.txt"
"$cnnlab" runs list --db cluster.db > "$out/runs_list_incomplete.txt"
"$cnnlab" run "$experiment" "${sets[@]}" --slurm --resume --sbatch-arg=--cpus-per-task=2 \
  --db cluster.db | tee "$out/resume.txt"
jobs=$(grep -oE 'job array [0-9]+|merge job [0-9]+' "$out/resume.txt" | awk '{print $NF}' | paste -sd,)
slurm_wait "$jobs" 7200
echo "Slurm run (with the cancelled task resumed): $(( $(date +%s) - start )) s" >> "$out/timings.txt"
cp "$folder/logs/merge.log" "$out/merge_after_resume.txt"
sed -n '/^variant /,$p' "$folder/logs/merge.log" > "$out/cluster_table.txt"
grep -h "Continuing from the checkpoint" "$folder"/logs/cell-7.log >> "$out/timings.txt" || true

q="SELECT r.variant, f.fold, f.best_epoch, f.stopped_epoch, quote(f.val_loss), quote(f.val_accuracy),
   quote(f.test_loss), quote(f.test_accuracy) FROM folds f JOIN runs r ON r.id = f.run_id
   ORDER BY r.variant_index, f.fold"
if diff <(sqlite3 local.db "$q") <(sqlite3 cluster.db "$q") > /dev/null; then
  echo "every fold's metrics: bit-identical (sqlite3 quote() of each REAL)" >> "$out/timings.txt"
else
  echo "fold metrics DIFFER" >> "$out/timings.txt"
fi
echo "$work"
