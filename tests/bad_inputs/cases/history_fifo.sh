# A history path (--db) that is a FIFO: opening it to read the SQLite header blocked for ever
# (`run`, `runs merge --into`); a device such as /dev/null read as an empty database and
# SQLite created /dev/null-journal beside it. A path that exists must be a regular file.
expect_exit=2
expect_stderr="hist.db"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  mkfifo ../outside/hist.db
}
run() { cnnlab run exp.yaml --db ../outside/hist.db; }
