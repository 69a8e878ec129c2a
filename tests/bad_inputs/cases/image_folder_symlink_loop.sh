# A class folder of an image_folder dataset holding a link to itself: the scan must not loop.
expect_exit="0 1 2"
setup() {
  mkdir -p data/a data/b
  for c in a b; do for i in 1 2 3; do cp "$here/data/pixel.png" "data/$c/$i.png"; done; done
  ln -s . data/a/loop
  folder_experiment exp.yaml "path: data, image_size: [4, 4], channels: 1, test_split: 0.3"
}
run() { cnnlab run exp.yaml; }
