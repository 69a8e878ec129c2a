# A model file with a valid checksum whose stored architecture holds a recursive alias.
expect_stderr="model.cnnlab"
setup() { yaml="$(tiny_architecture; echo 'params: &p {loop: *p}')" forge_model model.cnnlab; }
run() { cnnlab predict model.cnnlab "$here/data/pixel.png"; }
