# One run's params_json damaged in the history: `runs show` and `runs export` failed for every
# run. A damaged row is reported for that run only: here run 2 is shown.
expect_exit=0
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  cnnlab run exp.yaml >/dev/null
  cnnlab run exp.yaml >/dev/null
  sqlite3 cnnlab.db "UPDATE runs SET params_json = '{\"broken\": [' WHERE id = 1"
}
run() { cnnlab runs show 2; }
