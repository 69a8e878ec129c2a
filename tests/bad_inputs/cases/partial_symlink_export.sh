# A symbolic link planted at manifest.csv.partial (the name the export writes the manifest to
# before renaming it): the ofstream followed it and overwrote its target outside the dataset.
# The temporary file is created with O_EXCL | O_NOFOLLOW after removing what is there.
program=cnnlab-label
expect_exit=0
may_change="work"
setup() {
  exported_dataset dataset photos
  ln -s ../../outside/notes.txt dataset/manifest.csv.partial
}
run() { cnnlab_label export dataset --size 8x8; }
