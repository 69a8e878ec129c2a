# A photo folder holding a link to itself: the recursive scan must neither loop nor export a
# photo twice.
program=cnnlab-label
expect_exit=0
setup() {
  mkdir photos
  cp "$here/data/pixel.png" photos/x.png
  ln -s . photos/loop
  printf '1\n' >keys
}
run() { cnnlab_label photos --out dataset --classes a,b --headless --script keys; }
check() { [[ $(find dataset/a -type f | wc -l) -eq 1 ]] || fail "not exactly one exported photo"; }
