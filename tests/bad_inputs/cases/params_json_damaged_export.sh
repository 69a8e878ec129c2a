# The same history exported: the export does not fail for the other runs.
expect_exit=0
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  cnnlab run exp.yaml >/dev/null
  cnnlab run exp.yaml >/dev/null
  sqlite3 cnnlab.db "UPDATE runs SET params_json = '{\"broken\": [' WHERE id = 1"
}
run() { cnnlab runs export --format csv; }
check() { grep -q '^2,' "$logs/stdout" || fail "run 2 is not exported"; }
