# A history in a folder its reader cannot write (another user's): `runs list` failed with
# "attempt to write a readonly database", or left -wal/-shm files the owner could not write.
# Read-only queries work and leave nothing behind. As root, the command runs as nobody, for
# whom the folder is read-only as it is for any other user.
expect_exit=0
may_change=""
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  mkdir history
  cnnlab run exp.yaml --db history/cnnlab.db >/dev/null
  chmod 555 history
  chmod 444 history/cnnlab.db
  chmod 755 "$root"
}
run() { cnnlab_as_other_user runs list --db history/cnnlab.db; }
check() { grep -q completed "$logs/stdout" || fail "the run is not listed"; }
