# training.save_model naming the run history (from --set): the model replaced the whole
# history, exit 0. Refused before any training, the history left with its run.
expect_exit=2
expect_stderr="training.save_model is the run history"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  "$CNNLAB" run exp.yaml --db h.db >/dev/null
}
run() { cnnlab run exp.yaml --db h.db --set "training.save_model=$PWD/h.db"; }
check() {
  ! grep -q "Epoch 1/" "$logs/stdout" || fail "training started"
  [[ "$(sqlite3 h.db 'SELECT count(*) FROM runs')" == 1 ]] || fail "the history lost its run"
}
