# --classes-file /dev/zero: read as one endless line (4 GiB seen).
program=cnnlab-label
expect_exit=2
expect_stderr="/dev/zero"
setup() {
  mkdir photos
  cp "$here/data/pixel.png" photos/x.png
  echo 1 >keys
}
run() { cnnlab_label photos --out dataset --classes-file /dev/zero --headless --script keys; }
