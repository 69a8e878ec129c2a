# CIFAR-10's class-name file is a link to /dev/zero: read line by line without end.
expect_stderr="batches.meta.txt"
setup() {
  mkdir data
  { printf '\x00'; head -c 3072 /dev/zero; } >data/data_batch_1.bin
  cp data/data_batch_1.bin data/test_batch.bin
  ln -s /dev/zero data/batches.meta.txt
  cat >exp.yaml <<'YAML'
name: cifar
dataset: {type: cifar10, path: data, train_files: [data_batch_1.bin]}
model:
  layers:
    - {type: flatten}
    - {type: dense, units: 10, activation: softmax}
training: {epochs: 1, batch_size: 1}
YAML
}
run() { cnnlab run exp.yaml; }
