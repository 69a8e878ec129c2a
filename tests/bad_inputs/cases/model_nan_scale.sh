# A model file with a valid checksum and a NaN input scale: predicted "nan%".
expect_stderr="model.cnnlab"
setup() { scale_bits=0x7fc00000 forge_model model.cnnlab; }
run() { cnnlab predict model.cnnlab "$here/data/pixel.png"; }
