# An alias inside its own anchor: every command that read the file recursed until the stack
# overflowed (SIGSEGV).
expect_exit=2
expect_stderr="exp.yaml:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  echo 'params: &p {loop: *p}' >>exp.yaml
}
run() { cnnlab summary exp.yaml; }
