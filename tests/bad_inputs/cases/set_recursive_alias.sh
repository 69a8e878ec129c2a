# The same recursive alias given as a --set value (read as YAML): a segfault.
expect_exit=2
expect_stderr="--set"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
}
run() { cnnlab summary exp.yaml --set 'training.epochs=&e [*e]'; }
