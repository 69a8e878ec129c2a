# A plugin library cut in half in a plugin folder: dlopen mapped past its end and every
# plugin-loading command died of SIGBUS. It is reported in one line naming it and skipped.
expect_exit=0
expect_stderr="libbroken.so"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  mkdir plugins
  local real
  real="$(dirname "$CNNLAB")/../lib/cnnlab/plugins/libcnnlab_layers.so"
  head -c $(($(stat -c %s "$real") / 2)) "$real" >plugins/libbroken.so
}
run() { cnnlab summary exp.yaml --plugins plugins; }
