# `runs plot -o` naming a FIFO: cv::imwrite opened it and blocked for ever. The plot is
# encoded in memory and written as every picture is: only a regular file is replaced.
expect_exit=2
expect_stderr="fifo.png"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  cnnlab run exp.yaml >/dev/null
  mkfifo ../outside/fifo.png
}
run() { cnnlab runs plot 1 -o ../outside/fifo.png; }
