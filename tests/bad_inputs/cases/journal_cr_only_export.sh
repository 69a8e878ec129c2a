# A journal with CR-only line ends (an editor's doing) is one line that does not parse: the
# export read it as "no labels" and deleted every exported image (exit 0).
program=cnnlab-label
may_change=""
expect_stderr="labels.journal:1"
setup() {
  exported_dataset dataset photos
  tr '\n' '\r' <dataset/labels.journal >journal.cr
  mv journal.cr dataset/labels.journal
}
run() { cnnlab_label export dataset; }
