# A model file with a valid checksum whose kernel claims 2^30 floats (4 GiB) over 32.
expect_stderr="model.cnnlab"
setup() { kernel_dims=1073741824 forge_model model.cnnlab; }
run() { cnnlab predict model.cnnlab "$here/data/pixel.png"; }
