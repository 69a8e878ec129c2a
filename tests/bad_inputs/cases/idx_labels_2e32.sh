# An 18-byte label file whose header claims 2^32 - 1 labels: 4 GiB allocated before reading.
# Sizes are checked against the bytes the file holds first.
expect_stderr="train-labels-idx1-ubyte"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  { be32 0x801; be32 0xffffffff; head -c 10 /dev/zero; } >data/train-labels-idx1-ubyte
}
run() { cnnlab run exp.yaml; }
