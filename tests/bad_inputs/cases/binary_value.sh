# Terminal escapes and a NUL in a value: echoed raw into the error line. The runner checks
# that the line holds no control character.
expect_exit=2
expect_stderr="exp.yaml:9:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  sed -i 's/epochs: 1$/epochs: "\\e[2J\\0\\x01two"/' exp.yaml
}
run() { cnnlab run exp.yaml; }
