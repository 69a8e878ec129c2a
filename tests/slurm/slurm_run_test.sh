#!/usr/bin/env bash
# `cnnlab run --slurm` on a real one-node Slurm cluster: a 2-variant x 2-fold experiment
# submitted as a job array must give the history a local run gives; a cancelled task leaves
# the run `incomplete` with its cell named, and `--slurm --resume` completes it.
# Usage: slurm_run_test.sh CNNLAB_EXE   (exit 77: Slurm is not installed)
set -euo pipefail
cnnlab="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/local_slurm.sh"
work="$(mktemp -d /tmp/cnnlab-slurm-test.XXXXXX)"
cleanup() { slurm_stop; rm -rf "$work"; }
trap cleanup EXIT
slurm_start "$work/cluster" || exit $?
cd "$work"

cat > exp.yaml <<'YAML'
name: slurm-kfold
seed: 5
params: {dropout: 0.0}
dataset: {type: idx, path: /usr/share/datasets/fashion-mnist, limit_train: 400, limit_test: 100}
model:
  layers:
    - {type: conv2d, filters: 4, kernel_size: 3, activation: relu}
    - {type: maxpool2d, pool_size: 2}
    - {type: dropout, rate: "${dropout}", when: dropout}
    - {type: flatten}
    - {type: dense, units: 10, activation: softmax}
training:
  epochs: 2
  batch_size: 50
  optimizer: {type: adam}
cross_validation: {folds: 2}
variants:
  - {name: plain}
  - {name: dropout, params: {dropout: 0.3}}
YAML

fail() { echo "FAILED: $*"; exit 1; }
# Everything a run's cells computed (not times, hosts or ids), one line per fold.
folds_of() {
  sqlite3 "$1" "SELECT r.variant, r.status, f.fold, f.best_epoch, f.stopped_epoch, quote(f.val_loss),
    quote(f.val_accuracy), quote(f.test_loss), quote(f.test_accuracy) FROM folds f
    JOIN runs r ON r.id = f.run_id ORDER BY r.variant_index, f.fold"
}
epochs_of() {
  sqlite3 "$1" "SELECT r.variant, e.fold, e.epoch, quote(e.loss), quote(e.accuracy),
    quote(e.val_loss), quote(e.val_accuracy) FROM epochs e JOIN runs r ON r.id = e.run_id
    ORDER BY r.variant_index, e.fold, e.epoch"
}
# The comparison table without the time column: with two folds every metric is "mean ± std",
# so the words are variant, status, folds, 3 x 3 metric words, best_epoch, then seconds (14).
table_of() { grep -E '^(plain|dropout) ' "$1" | awk '{$14=""; print}'; }
job_ids() { grep -oE 'job array [0-9]+|merge job [0-9]+' "$1" | awk '{print $NF}' | paste -sd,; }

echo "== local run"
"$cnnlab" run exp.yaml --db local.db > local.out
grep -q "completed" local.out || fail "the local run did not complete"

echo "== dry run"
"$cnnlab" run exp.yaml --slurm --dry-run --max-parallel 2 --db dry.db > dry.out
grep -q -- "--array=0-3%2" dry.out || fail "--dry-run does not show the array: $(cat dry.out)"
[[ ! -e dry.db || -z "$(sqlite3 dry.db 'SELECT id FROM runs' 2> /dev/null)" ]] ||
  fail "--dry-run recorded runs"

echo "== a submission sbatch refuses leaves nothing behind"
mkdir bad
if "$cnnlab" run exp.yaml --slurm --sbatch-arg=--partition=nowhere --db bad/h.db > bad.out 2>&1; then
  fail "an unknown partition was accepted: $(cat bad.out)"
fi
grep -q "cnnlab: error: sbatch failed" bad.out || fail "no error line: $(cat bad.out)"
[[ -z "$(ls -A bad)" ]] || fail "a refused submission left $(ls -A bad)"

echo "== submitted run (a % in the history's folder: Slurm's --output patterns use it)"
main='m%x/main.db'
mkdir 'm%x'
"$cnnlab" run exp.yaml --slurm --max-parallel 2 --db "$main" > submit.out
cat submit.out
if "$cnnlab" run exp.yaml --slurm --resume --db "$main" > early.out 2>&1; then
  fail "--slurm --resume resubmitted cells whose jobs are queued or running"
fi
grep -q "queued or running" early.out || fail "no reason given: $(cat early.out)"
slurm_wait "$(job_ids submit.out)" 300
cat "$(grep -oE 'Run folder .*' submit.out | cut -d' ' -f3)/logs/merge.log"
diff <(folds_of local.db) <(folds_of "$main") || fail "the merged folds differ from the local run's"
diff <(epochs_of local.db) <(epochs_of "$main") || fail "the merged epochs differ from the local run's"
merged_table="$(grep -oE 'Run folder .*' submit.out | cut -d' ' -f3)/logs/merge.log"
diff <(table_of local.out) <(table_of "$merged_table") || fail "the merged table differs"

echo "== a cancelled task, then --slurm --resume"
"$cnnlab" run exp.yaml --slurm --max-parallel 1 --db cut.db > cut.out
array=$(grep -oE 'job array [0-9]+' cut.out | awk '{print $NF}')
scancel "${array}_2"
slurm_wait "$(job_ids cut.out)" 300
folder="$(grep -oE 'Run folder .*' cut.out | cut -d' ' -f3)"
grep -q "Incomplete: 1 of 4 cells missing: 2 (dropout, fold 1)" "$folder/logs/merge.log" ||
  fail "the merge does not name the missing cell: $(cat "$folder/logs/merge.log")"
"$cnnlab" runs list --db cut.db > cut-list.out
grep -E -q "dropout +incomplete .* 1/2 " cut-list.out ||
  fail "runs list does not show the run incomplete with 1/2 cells: $(cat cut-list.out)"
"$cnnlab" run exp.yaml --slurm --resume --db cut.db > resume.out
cat resume.out
grep -q "1 of 4 cells submitted" resume.out || fail "--resume did not submit exactly the missing cell"
slurm_wait "$(job_ids resume.out)" 300
diff <(folds_of local.db) <(folds_of cut.db) || fail "the resumed run differs from the local run"
diff <(epochs_of local.db) <(epochs_of cut.db) || fail "the resumed epochs differ from the local run's"
echo "PASSED"
