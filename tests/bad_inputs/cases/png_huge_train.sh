# The same PNG in an image_folder dataset: decoded in full for training (3.5-5 GiB seen). It
# is refused (an error) or skipped with a warning naming it.
memory_kib=1048576
expect_exit="0 1 2"
expect_stderr="huge.png"
setup() {
  mkdir -p data/a data/b
  huge_png data/a/huge.png 30000 30000
  cp "$here/data/pixel.png" data/a/ok.png
  cp "$here/data/pixel.png" data/b/ok.png
  cp "$here/data/pixel.png" data/b/ok2.png
  folder_experiment exp.yaml "path: data, image_size: [4, 4], channels: 1, test_split: 0.3"
}
run() { cnnlab run exp.yaml; }
