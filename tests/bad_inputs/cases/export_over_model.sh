# `export MODEL -o MODEL` (the ONNX file written over the model it is made from; likewise
# `show ... -o IMAGE`, `landscape --csv EXPERIMENT`, `samples EXP -o EXP`): the input was
# destroyed. An output that is one of the command's inputs is refused before anything runs.
expect_exit=2
may_change=""
expect_stderr="is the input file 'model.cnnlab'"
setup() { forge_model model.cnnlab; }
run() { cnnlab export model.cnnlab -o ./model.cnnlab; }
