# A journal whose `classes` line names `..`: the export wrote the class folder `DATASET/..`,
# outside the dataset. Names read back from the journal are checked as when typed.
program=cnnlab-label
may_change=""
expect_stderr="labels.journal:3"
setup() {
  mkdir -p photos dataset
  cp "$here/data/pixel.png" photos/x.png
  journal dataset/labels.journal "$(printf 'source\t%s' "$PWD/photos")" \
    "$(printf 'classes\t..\tb')" "$(printf 'label\tx.png\t..')"
}
run() { cnnlab_label export dataset; }
