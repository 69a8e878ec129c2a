# 2^32 + 1 epochs: the value was cut to 32 bits, one epoch trained and 4294967297 recorded.
# Integers are range-checked where they are read.
expect_exit=2
expect_stderr="exp.yaml:9:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  sed -i 's/epochs: 1$/epochs: 4294967297/' exp.yaml
}
run() { cnnlab run exp.yaml; }
