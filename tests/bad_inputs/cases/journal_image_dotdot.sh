# A journal whose `label` line names the image `../../outside/notes.txt`: read and exported
# from outside the photo folder.
program=cnnlab-label
may_change=""
expect_stderr="labels.journal:4"
setup() {
  mkdir -p photos dataset
  cp "$here/data/pixel.png" photos/x.png
  journal dataset/labels.journal "$(printf 'source\t%s' "$PWD/photos")" \
    "$(printf 'classes\ta\tb')" "$(printf 'label\t../../outside/notes.txt\ta')"
}
run() { cnnlab_label export dataset; }
