# A model file with a valid checksum naming 3 classes for its 2 output units.
expect_stderr="model.cnnlab"
setup() { classes="a b c" forge_model model.cnnlab; }
run() { cnnlab predict model.cnnlab "$here/data/pixel.png"; }
