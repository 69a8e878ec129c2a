# A dataset whose manifest.csv is a FIFO (export.conf, split.csv, --script and --guesses were
# read the same way): the export blocked for ever; one pointing at /dev/zero used all memory.
# Files the labeler reads back must be regular files.
program=cnnlab-label
expect_exit=1
may_change=""
expect_stderr="manifest.csv' is not a regular file"
setup() {
  exported_dataset dataset photos
  rm dataset/manifest.csv
  mkfifo dataset/manifest.csv
}
run() { cnnlab_label export dataset; }
