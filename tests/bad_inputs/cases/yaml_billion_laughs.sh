# Nine levels of ten aliases each: a few hundred bytes that expand to 10^9 values (23 GiB seen).
expect_exit=2
expect_stderr="exp.yaml:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  local level prev=lol ten
  {
    echo "params:"
    echo "  lol: &lol [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"
    for level in 1 2 3 4 5 6 7 8; do
      ten="$(printf "*$prev, %.0s" {1..10})"
      echo "  l$level: &l$level [${ten%, }]"
      prev="l$level"
    done
  } >>exp.yaml
}
run() { cnnlab summary exp.yaml; }
