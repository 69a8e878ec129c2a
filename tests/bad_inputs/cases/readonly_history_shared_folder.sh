# Another user's `runs list` on a history in a folder both may write (the file is the owner's):
# it left -wal/-shm files of its own that the owner then could not write. A reader who cannot
# write the file queries it read-only and leaves nothing behind. As root, the command runs as
# nobody.
expect_exit=0
may_change=""
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  mkdir history
  cnnlab run exp.yaml --db history/cnnlab.db >/dev/null
  chmod 777 history
  chmod 644 history/cnnlab.db
  chmod 755 "$root"
  [[ $(id -u) -eq 0 ]] || chmod 444 history/cnnlab.db
}
run() { cnnlab_as_other_user runs list --db history/cnnlab.db; }
check() { grep -q completed "$logs/stdout" || fail "the run is not listed"; }
