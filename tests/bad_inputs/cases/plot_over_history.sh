# `runs plot ID --db H -o H` (and `runs report -o H`): the plot replaced the whole run history
# it was drawn from. An output that is the history is refused.
expect_exit=2
may_change=""
expect_stderr="is the input file 'history.png'"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  cnnlab run exp.yaml --db history.png >/dev/null
}
run() { cnnlab runs plot 1 --db history.png -o history.png; }
