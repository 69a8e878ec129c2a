# model.input_shape with sizes whose product passes 2^63: the shapes overflowed (int64_t) into
# negative or zero sizes, `summary` printed such a model and `bench` handed it to the kernels
# ("dnnl_sgemm failed"). Sizes are bounded where the file is read, as in a model file.
expect_exit=2
expect_stderr="exp.yaml:5:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  sed -i 's/^model:$/model:\n  input_shape: [4294967296, 4294967296, 1]/' exp.yaml
  sed -i 's/- {type: flatten}/- {type: conv2d, filters: 2, kernel_size: 1}\n    - {type: globalavgpool2d}/' exp.yaml
}
run() { cnnlab summary exp.yaml; }
