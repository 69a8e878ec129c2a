# save_model naming something that is not a regular file (a FIFO here; /dev/null in the report,
# which a test must not risk): the model was renamed over it. Such targets are refused.
expect_stderr="fifo"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data "save_model: ../outside/fifo"
  mkfifo ../outside/fifo
}
run() { cnnlab run exp.yaml; }
