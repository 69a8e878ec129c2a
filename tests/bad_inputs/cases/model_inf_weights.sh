# A model file with a valid checksum whose weights are all +inf.
expect_stderr="model.cnnlab"
setup() { weight_bits=0x7f800000 forge_model model.cnnlab; }
run() { cnnlab predict model.cnnlab "$here/data/pixel.png"; }
