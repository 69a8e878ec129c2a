# The same PNG among the photos of a labelled dataset: `cnnlab-label report` decodes every
# photo for its checks. It must stay within the memory bound (an error, or the photo reported
# as unreadable).
program=cnnlab-label
memory_kib=1048576
expect_exit="0 1 2"
may_change="work/dataset"
setup() {
  exported_dataset dataset photos
  huge_png photos/huge.png 30000 30000
  journal_line=$(printf 'label\thuge.png\ta')
  echo "$journal_line" >>dataset/labels.journal
}
run() { cnnlab_label report dataset; }
