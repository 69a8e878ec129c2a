# A PNG cut in the middle: libpng's own complaints reached stderr besides our error line.
expect_stderr="cut.png"
setup() {
  forge_model model.cnnlab
  huge_png whole.png 300 300
  head -c 60 whole.png >cut.png
}
run() { cnnlab predict model.cnnlab cut.png; }
