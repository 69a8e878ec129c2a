# A model file with a valid checksum and an input scale of 0: every input infinite.
expect_stderr="model.cnnlab"
setup() { scale_bits=0 forge_model model.cnnlab; }
run() { cnnlab predict model.cnnlab "$here/data/pixel.png"; }
