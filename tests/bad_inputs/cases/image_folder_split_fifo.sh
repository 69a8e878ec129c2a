# An image_folder dataset whose split.csv is a FIFO: summary and run blocked for ever (a link to
# /dev/zero was read as one endless line). split.csv must be a regular file.
expect_exit=1
may_change=""
expect_stderr="split.csv: not a regular file"
setup() {
  exported_dataset dataset photos
  rm dataset/split.csv
  mkfifo dataset/split.csv
  folder_experiment exp.yaml "path: dataset, image_size: [8, 8]"
}
run() { cnnlab summary exp.yaml; }
