# A 2 MB value where a number belongs: the error line echoed all of it (25 MB seen). The
# runner also checks that the line stays short.
expect_exit=2
expect_stderr="exp.yaml:9:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  local text big
  text="$(<exp.yaml)"
  big="$(head -c 2000000 /dev/zero | tr '\0' 7)x"
  printf '%s\n' "${text/epochs: 1/epochs: $big}" >exp.yaml
}
run() { cnnlab run exp.yaml; }
