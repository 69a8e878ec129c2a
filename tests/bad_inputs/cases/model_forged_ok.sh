# The control for the model_* cases: the forger's unchanged file is a working model, so the
# others fail for their one damaged field only.
expect_exit=0
setup() { forge_model model.cnnlab; }
run() { cnnlab predict model.cnnlab "$here/data/pixel.png"; }
