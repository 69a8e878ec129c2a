# A block of NUL bytes in the journal's `source` line (a crash of the file system): the start
# truncated the journal there and the export then deleted every exported image.
program=cnnlab-label
may_change=""
expect_stderr="labels.journal:2"
setup() {
  exported_dataset dataset photos
  { head -n 1 dataset/labels.journal
    printf 'source\t%s' "$PWD/photos"; head -c 4096 /dev/zero; echo
    tail -n +3 dataset/labels.journal; } >journal.nul
  mv journal.nul dataset/labels.journal
}
run() { cnnlab_label export dataset; }
