# labels.journal is a symlink to another dataset's journal: the session appended to (and could
# truncate) the link's target. The journal is opened without following symlinks.
program=cnnlab-label
expect_stderr="labels.journal"
setup() {
  exported_dataset ../outside/other photos
  mkdir dataset
  ln -s ../../outside/other/labels.journal dataset/labels.journal
  printf '2\n1\n' >keys
}
run() { cnnlab_label photos --out dataset --classes a,b --headless --script keys; }
