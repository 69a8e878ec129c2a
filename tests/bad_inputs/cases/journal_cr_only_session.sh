# The same journal when a labelling session starts: it was truncated to nothing. A journal
# that does not parse is never truncated or rewritten; the session refuses to start.
program=cnnlab-label
may_change=""
expect_stderr="labels.journal:1"
setup() {
  exported_dataset dataset photos
  tr '\n' '\r' <dataset/labels.journal >journal.cr
  mv journal.cr dataset/labels.journal
  echo 1 >keys
}
run() { cnnlab_label photos --out dataset --headless --script keys; }
