# An image file whose header claims 8 images of 65535 x 65535 (34 GB) over 128 bytes of pixels.
expect_stderr="train-images-idx3-ubyte"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  { be32 0x803; be32 8; be32 65535; be32 65535; head -c 128 /dev/zero; } \
    >data/train-images-idx3-ubyte
  { be32 0x803; be32 8; be32 65535; be32 65535; head -c 128 /dev/zero; } \
    >data/t10k-images-idx3-ubyte
}
run() { cnnlab run exp.yaml; }
