# Found by fuzz_model_file: a tensor whose dims multiply past 2^64 (16 x 7710162562058289153)
# passed the size check on the wrapped product (UBSan: signed overflow in shape.cpp).
expect_stderr="model.cnnlab"
setup() { kernel_dims="16 7710162562058289153" forge_model model.cnnlab; }
run() { cnnlab predict model.cnnlab "$here/data/pixel.png"; }
