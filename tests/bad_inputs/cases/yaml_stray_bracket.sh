# Found by fuzz_set_override: the YAML text `, 3]` (a file, or a --set value) made yaml-cpp's
# LoadAll loop for ever, allocating (killed by timeout after 20 s, memory growing).
expect_exit=2
expect_stderr="exp.yaml:1"
setup() { printf ', 3]\n' >exp.yaml; }
run() { cnnlab summary exp.yaml; }
