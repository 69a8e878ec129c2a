# A grid of two params with 100 values each: 10,000 variants, each resolved in full (10 GiB
# seen). A grid or variant list has a limit, reported at the grid.
expect_exit=2
expect_stderr="exp.yaml:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  {
    echo "params: {p: 0, q: 0}"
    echo "grid:"
    echo "  p: [$(seq -s ', ' 1 100)]"
    echo "  q: [$(seq -s ', ' 1 100)]"
  } >>exp.yaml
}
run() { cnnlab run exp.yaml; }
