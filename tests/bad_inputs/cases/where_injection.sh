# SQL in a --where value is data: nothing is run and nothing is deleted.
expect_exit=0
may_change=""
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  cnnlab run exp.yaml >/dev/null
}
run() { cnnlab runs list --where "variant = 'x''; DROP TABLE runs; --'"; }
