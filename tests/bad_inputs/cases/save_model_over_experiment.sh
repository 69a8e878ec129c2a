# training.save_model naming the experiment file itself: the trained model replaced the
# experiment. Refused where the file is read, with the location.
expect_exit=2
may_change=""
expect_stderr="exp.yaml:11:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data "save_model: exp.yaml"
}
run() { cnnlab run exp.yaml --db ../outside/never.db; }
