# batch_size 2^32 + 50: trained with a batch of 50.
expect_exit=2
expect_stderr="exp.yaml:10:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  sed -i 's/batch_size: 4$/batch_size: 4294967346/' exp.yaml
}
run() { cnnlab run exp.yaml; }
