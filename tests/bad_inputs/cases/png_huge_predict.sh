# A 0.5 MB PNG of 30000 x 30000 pixels given to `predict`: decoded in full (0.9 GB gray). Under
# 4 GiB of address space the blow-up would pass unnoticed, so this case allows 1 GiB (a normal
# predict needs far less); decoded images have a pixel limit, checked from the header.
memory_kib=1048576
expect_stderr="huge.png"
setup() {
  forge_model model.cnnlab
  huge_png huge.png 30000 30000
}
run() { cnnlab predict model.cnnlab huge.png; }
