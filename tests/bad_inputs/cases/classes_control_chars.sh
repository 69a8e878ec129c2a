# An idx dataset whose `classes:` holds a terminal control sequence (or an empty or 300-byte
# name): training succeeded and saved a model that predict, evaluate and export then refused
# ("not a usable cnnlab model file"), and the run printed the sequence. Class names are checked
# by the rule model files are read with, here and in CIFAR's batches.meta.txt and
# image_folder's folder names.
expect_exit=2
may_change=""
expect_stderr="exp.yaml:3:"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data "save_model: model.cnnlab"
  sed -i 's/classes: \[a, b\]/classes: ["\\e[2J", b]/' exp.yaml
}
# run stops at the same check, after creating its history.
run() { cnnlab summary exp.yaml; }
