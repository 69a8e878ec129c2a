# A class folder of the dataset that is a symbolic link to a folder elsewhere: the export
# wrote its images into that folder (and cleans up and deletes inside class folders). A class
# folder must be a real folder; nothing is exported otherwise.
program=cnnlab-label
expect_exit=1
may_change=""
expect_stderr="dataset/a' is a symbolic link"
setup() {
  exported_dataset dataset photos
  rm -r dataset/a
  ln -s ../../outside/photos dataset/a
}
run() { cnnlab_label export dataset --size 8x8; }
