# Found by fuzz_image: a 52-byte BMP whose header claims a width over OpenCV's limit. imread
# throws (an assertion in validateInputImageSize) instead of returning nothing, and the error
# line quoted OpenCV's source location without naming the file.
expect_stderr="huge_width.bmp"
setup() {
  forge_model model.cnnlab
  cp "$here/data/huge_width.bmp" .
}
run() { cnnlab predict model.cnnlab huge_width.bmp; }
