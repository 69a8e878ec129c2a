# `samples -o` naming a FIFO: the picture was written with an ofstream, which blocked for ever
# (and wrote into a device). It is written as every picture is: only a regular file is
# replaced.
expect_exit=1
expect_stderr="fifo.png"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  mkfifo ../outside/fifo.png
}
run() { cnnlab samples exp.yaml -o ../outside/fifo.png; }
