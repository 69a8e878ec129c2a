# A manifest.csv row with `../`: the export moves or deletes what the previous manifest lists,
# so it deleted a file outside the dataset.
program=cnnlab-label
may_change=""
expect_stderr="manifest.csv:4"
setup() {
  exported_dataset dataset photos
  echo "../../outside/notes.txt,b,$PWD/photos/y.png,$(printf '0%.0s' {1..64})" >>dataset/manifest.csv
  # Relabel y.png, so that the export has a reason to move the listed files.
  printf 'label\ty.png\ta\n' >>dataset/labels.journal
}
run() { cnnlab_label export dataset; }
