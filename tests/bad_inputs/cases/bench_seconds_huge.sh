# `bench --seconds 1e300` measured until killed. At most an hour is accepted.
expect_exit=2
expect_stderr="--seconds must be above 0 and at most 3600"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
}
run() { cnnlab bench exp.yaml --seconds 1e300; }
