# --guesses /dev/zero: read whole into memory ("cnnlab-label: error: std::bad_alloc" after
# 4 GiB); a FIFO blocked for ever. The file must be a regular file.
program=cnnlab-label
expect_exit=2
expect_stderr="/dev/zero"
setup() {
  mkdir photos
  cp "$here/data/pixel.png" photos/x.png
  echo 1 >keys
}
run() { cnnlab_label photos --out dataset --classes a,b --guesses /dev/zero --headless --script keys; }
