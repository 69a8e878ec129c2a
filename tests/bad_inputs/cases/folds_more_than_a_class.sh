# More folds than a class has images: the error came from the fold splitter with no file or
# line. It points at cross_validation.folds now.
expect_exit=2
expect_stderr="exp.yaml:12:27: cannot split into 6 stratified folds"
setup() {
  idx_dataset data 8
  tiny_experiment exp.yaml data
  echo "cross_validation: {folds: 6}" >>exp.yaml
}
run() { cnnlab run exp.yaml; }
