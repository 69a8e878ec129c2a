# A model with 3 output units on a 2-class dataset started training and failed in the middle.
# It is refused before the first epoch.
expect_exit=2
expect_stderr="exp.yaml:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  sed -i 's/units: 2/units: 3/' exp.yaml
}
run() { cnnlab run exp.yaml; }
check() { ! grep -q "Epoch 1/" "$logs/stdout" || fail "training started"; }
