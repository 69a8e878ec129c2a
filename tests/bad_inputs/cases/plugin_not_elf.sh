# A text file named like a plugin: never handed to dlopen, reported and skipped.
expect_exit=0
expect_stderr="libnotes.so"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  mkdir plugins
  echo "not a library" >plugins/libnotes.so
}
run() { cnnlab summary exp.yaml --plugins plugins; }
