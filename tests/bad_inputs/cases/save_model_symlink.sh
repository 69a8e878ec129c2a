# save_model naming a symlink: the model replaced what was at the path. A link is refused, and
# neither it nor its target changes.
expect_stderr="link.cnnlab"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data "save_model: ../outside/link.cnnlab"
  echo "someone's file" >../outside/target.txt
  ln -s target.txt ../outside/link.cnnlab
}
run() { cnnlab run exp.yaml; }
