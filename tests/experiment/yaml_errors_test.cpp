// Every class of mistake in an experiment file, with the exact message and FILE:LINE:COL.
#include <catch2/catch.hpp>

#include "experiment_fixture.hpp"

using cnnlab::test::build_error_of;
using cnnlab::test::error_of;
using cnnlab::test::kBase;

TEST_CASE("the base experiment of these tests is valid") {
  CHECK(error_of(kBase) == "no error");
  CHECK(build_error_of(kBase) == "no error");
}

TEST_CASE("unknown keys at every level name the key, suggest one and point at it") {
  CHECK(error_of("name: t\nnmae: u\n" + kBase.substr(8)) ==
        "exp.yaml:2:1: unknown key 'nmae' for experiment (did you mean 'name'?)");
  CHECK(error_of(kBase + "training:\n  epoch: 3\n") ==
        "exp.yaml:8:3: unknown key 'epoch' for training (did you mean 'epochs'?)");
  CHECK(error_of(kBase + "training:\n  validation_split: 0.1\n  early_stopping: {patiense: 3}\n") ==
        "exp.yaml:9:20: unknown key 'patiense' for training.early_stopping "
        "(did you mean 'patience'?)");
  CHECK(error_of(kBase + "cross_validation: {fold: 5}\n") ==
        "exp.yaml:7:20: unknown key 'fold' for cross_validation (did you mean 'folds'?)");
  CHECK(error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  input_shape: [8, 8, 1]\n"
                 "  layer:\n    - {type: probe}\n") ==
        "exp.yaml:5:3: unknown key 'layer' for model (did you mean 'layers'?)");
  CHECK(
      error_of(kBase + "params: {dropout: 0.0}\nvariants:\n  - {name: a, parms: {dropout: 1}}\n") ==
      "exp.yaml:9:15: unknown key 'parms' for variant 1 (did you mean 'params'?)");
}

TEST_CASE("unknown keys of a layer are reported by its plugin at the key") {
  CHECK(build_error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  input_shape: [8, 8, 1]\n"
                       "  layers:\n    - {type: probe, outptu: [4]}\n") ==
        "exp.yaml:6:21: unknown key 'outptu' for layer 'probe' (did you mean 'output'?)");
}

TEST_CASE("a duplicate key is an error naming both places") {
  CHECK(error_of(kBase + "name: u\n") == "exp.yaml:7:1: duplicate key 'name' (first at line 1:1)");
  CHECK(error_of(kBase + "training: {epochs: 2, batch_size: 4, epochs: 3}\n") ==
        "exp.yaml:7:38: duplicate key 'epochs' (first at line 7:12)");
}

TEST_CASE("a value of the wrong type") {
  CHECK(error_of(kBase + "training:\n  epochs: ten\n") ==
        "exp.yaml:8:11: training: 'epochs' must be an integer, got 'ten'");
  CHECK(error_of(kBase + "training: 5\n") == "exp.yaml:7:11: training: expected a map of settings");
  CHECK(error_of(kBase + "training: {shuffle: maybe}\n") ==
        "exp.yaml:7:21: training: 'shuffle' must be true or false, got 'maybe'");
  CHECK(error_of("name: [a]\n" + kBase.substr(8)) ==
        "exp.yaml:1:7: experiment: 'name' must be a single value");
  CHECK(error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  layers: {type: probe}\n") ==
        "exp.yaml:4:11: model: 'layers' must be a list of layers like "
        "[{type: flatten}, {type: dense, units: 10}]");
  CHECK(error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  layers:\n    - probe\n") ==
        "exp.yaml:5:7: layer 1 must be a map like {type: dense, units: 10}");
  CHECK(error_of(kBase + "training: {loss: mse}\n") ==
        "exp.yaml:7:18: training: 'loss' must be one of categorical_crossentropy, "
        "sparse_categorical_crossentropy, got 'mse'");
  CHECK(error_of(kBase + "training: {early_stopping: {mode: mx}}\n") ==
        "exp.yaml:7:35: training.early_stopping: 'mode' must be one of auto, min, max, "
        "got 'mx' (did you mean 'max'?)");
}

TEST_CASE("a missing required key is reported at its parent") {
  CHECK(error_of(kBase.substr(8)) == "exp.yaml:1:1: experiment: 'name' is required");
  CHECK(error_of("name: t\nmodel:\n  layers: [{type: probe}]\n") ==
        "exp.yaml:1:1: experiment: 'dataset' is required");
  CHECK(error_of("name: t\ndataset: {shape: [8, 8, 1]}\nmodel:\n  layers: [{type: probe}]\n") ==
        "exp.yaml:2:10: dataset: 'type' is required");
  CHECK(error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  input_shape: [8, 8, 1]\n") ==
        "exp.yaml:4:3: model: 'layers' is required");
  CHECK(error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  layers:\n    - {units: 3}\n") ==
        "exp.yaml:5:7: layer 1: 'type' is required");
  CHECK(error_of(kBase + "variants:\n  - {params: {}}\n") ==
        "exp.yaml:8:5: variant 1: 'name' is required");
}

TEST_CASE("values out of range") {
  CHECK(error_of(kBase + "training:\n  epochs: 0\n") ==
        "exp.yaml:8:11: training: 'epochs' must be at least 1, got 0");
  CHECK(error_of(kBase + "training:\n  batch_size: -4\n") ==
        "exp.yaml:8:15: training: 'batch_size' must be at least 1, got -4");
  CHECK(error_of(kBase + "training:\n  validation_split: 1.0\n") ==
        "exp.yaml:8:21: training: 'validation_split' must be at least 0 and below 1, got 1.0");
  CHECK(error_of(kBase + "cross_validation: {folds: 1}\n") ==
        "exp.yaml:7:27: cross_validation: 'folds' must be at least 2, got 1");
  CHECK(error_of(kBase + "seed: -1\n") ==
        "exp.yaml:7:7: experiment: 'seed' must be at least 0, got -1");
  CHECK(error_of("name: t\ndataset: {type: probe_data, limit_train: 0}\nmodel:\n"
                 "  layers: [{type: probe}]\n") ==
        "exp.yaml:2:42: dataset: 'limit_train' must be at least 1, got 0");
  CHECK(error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  input_shape: [8, 0, 1]\n"
                 "  layers: [{type: probe}]\n") ==
        "exp.yaml:4:16: model: 'input_shape' must be a list of positive sizes like [28, 28, 1]");
  CHECK(error_of(kBase + "training: {early_stopping: {patience: -1, monitor: loss}}\n") ==
        "exp.yaml:7:39: training.early_stopping: 'patience' must be at least 0, got -1");
}

TEST_CASE("YAML syntax errors are reported at yaml-cpp's position") {
  CHECK(error_of("name: t\nmodel: [1, 2\nseed: 3\n") ==
        "exp.yaml:3:5: YAML syntax error: end of sequence flow not found");
  CHECK(error_of("name: t\n  seed: 3\n") == "exp.yaml:2:7: YAML syntax error: illegal map value");
}

TEST_CASE("an unclosed quote is an error instead of swallowing the file") {
  CHECK(error_of("name: \"t\n" + kBase.substr(8)) == "exp.yaml:1:7: unclosed quote (\")");
  CHECK(error_of("name: 'it''s\n" + kBase.substr(8)) == "exp.yaml:1:7: unclosed quote (')");
  CHECK(error_of("name: 'it''s'\n" + kBase.substr(8)) == "no error");
}

TEST_CASE("an empty file, a list, two documents") {
  CHECK(error_of("") ==
        "exp.yaml:1:1: the experiment is empty: it needs at least name, dataset and model");
  CHECK(error_of("- a\n") ==
        "exp.yaml:1:1: an experiment is a map of keys (name, dataset, model, training, ...)");
  CHECK(error_of(kBase + "---\nname: u\n") ==
        "exp.yaml:8:1: a second YAML document; an experiment file holds one");
}

TEST_CASE("an unknown param in ${...} is reported at the scalar with a suggestion") {
  CHECK(error_of(
            "name: t\nparams: {units: 3}\ndataset: {type: probe_data}\nmodel:\n"
            "  input_shape: [8, 8, 1]\n  layers:\n    - {type: probe, trainable: \"${unit}\"}\n") ==
        "exp.yaml:7:32: unknown param 'unit' (did you mean 'units'?); params: units");
  CHECK(error_of(kBase + "training: {epochs: \"${epochs}\"}\n") ==
        "exp.yaml:7:20: unknown param 'epochs'; the file declares no params");
  CHECK(error_of(kBase + "training: {epochs: \"${epochs\"}\n") ==
        "exp.yaml:7:20: unterminated '${' in '${epochs'");
}

TEST_CASE("a --set with an unknown path names it") {
  CHECK(error_of(kBase, {"trainig.epochs=2"}) ==
        "--set trainig.epochs=2: unknown key 'trainig' for experiment (did you mean 'training'?)");
  CHECK(error_of(kBase, {"training.epoch=2"}) ==
        "--set training.epoch=2: unknown key 'epoch' for training (did you mean 'epochs'?)");
  CHECK(error_of(kBase, {"epochs=2"}) ==
        "--set epochs=2: 'epochs' is neither a param nor a key of the experiment");
  CHECK(error_of(kBase, {"model.layers.9.rank=1"}) ==
        "--set model.layers.9.rank=1: 'model.layers' has no item 9 (it has 1, counted from 0)");
  CHECK(error_of(kBase, {"model.layers.first.rank=1"}) ==
        "--set model.layers.first.rank=1: 'model.layers' is a list: expected an item index, "
        "got 'first'");
  CHECK(error_of(kBase, {"name.first=x"}) ==
        "--set name.first=x: 'name' is a single value (t), it has no 'first'");
  CHECK(error_of(kBase, {"training.epochs"}) == "--set expects KEY=VALUE, got 'training.epochs'");
  CHECK(error_of(kBase, {"training.epochs=zero"}) ==
        "--set training.epochs=zero: training: 'epochs' must be an integer, got 'zero'");
}

TEST_CASE("an unknown layer type suggests the closest and lists the known ones") {
  CHECK(build_error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  input_shape: [8, 8, 1]\n"
                       "  layers:\n    - {type: prob}\n") ==
        "exp.yaml:6:14: unknown layer type 'prob' (did you mean 'probe'?); known types: probe");
}

TEST_CASE("a layer that cannot take its input is reported at the layer") {
  CHECK(build_error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  input_shape: [8, 8, 1]\n"
                       "  layers:\n    - {type: probe}\n    - {type: probe, rank: 1}\n") ==
        "exp.yaml:7:7: layer 2 'probe_1' (Probe): expects 1 axes, got (None, 8, 8, 1)");
}

TEST_CASE("an unknown variant lists the known ones") {
  const auto variants = cnnlab::expand_variants(
      cnnlab::test::parse(kBase + "params: {dropout: 0.0}\nvariants:\n  - {name: baseline}\n"
                                  "  - {name: dropout, params: {dropout: 0.25}}\n"));
  CHECK_THROWS_WITH(cnnlab::find_variant(variants, "dropuot"),
                    "unknown variant 'dropuot' (did you mean 'dropout'?); "
                    "variants: baseline, dropout");
  CHECK(cnnlab::find_variant(variants, "dropout").name == "dropout");
  CHECK_THROWS_WITH(cnnlab::find_variant(cnnlab::expand_variants(cnnlab::test::parse(kBase)), "x"),
                    "unknown variant 'x'; variants: default");
}

TEST_CASE("a bad when: is reported at its value") {
  const std::string head =
      "name: t\nparams: {bn: true, act: relu}\ndataset: {type: probe_data}\n"
      "model:\n  input_shape: [8, 8, 1]\n  layers:\n";
  CHECK(error_of(head + "    - {type: probe, when: bnn}\n") ==
        "exp.yaml:7:27: unknown param 'bnn' (did you mean 'bn'?); params: bn, act");
  CHECK(error_of(head + "    - {type: probe, when: act}\n") ==
        "exp.yaml:7:27: when: param 'act' is relu, which is neither true/false nor a number");
  CHECK(error_of(head + "    - {type: probe, when: \"bn and act\"}\n") ==
        "exp.yaml:7:27: 'when' takes a param name, or !name for its negation, got 'bn and act'");
  CHECK(error_of(head + "    - {type: probe, when: [bn]}\n") ==
        "exp.yaml:7:27: 'when' takes a param name, or !name for its negation");
}

TEST_CASE("variant and grid mistakes") {
  const std::string head = kBase + "params: {dropout: 0.0, bn: false}\n";  // line 7
  CHECK(error_of(head + "variants:\n  - {name: a, params: {dropuot: 0.5}}\n") ==
        "exp.yaml:9:24: variant 'a' sets 'dropuot', which is not in params "
        "(did you mean 'dropout'?); params: dropout, bn");
  CHECK(error_of(head + "variants:\n  - {name: a}\n  - {name: a}\n") ==
        "exp.yaml:10:5: variant name 'a' is used twice (first at exp.yaml:9:5)");
  CHECK(error_of(head + "grid: {dropout: [0.0], b: [true]}\n") ==
        "exp.yaml:8:24: grid sets 'b', which is not in params (did you mean 'bn'?); "
        "params: dropout, bn");
  CHECK(error_of(head + "grid: {dropout: 0.5}\n") ==
        "exp.yaml:8:17: grid: 'dropout' must be a non-empty list of values");
  CHECK(error_of(head + "variants:\n  - {name: \"dropout=0.5\"}\ngrid: {dropout: [0.5]}\n") ==
        "exp.yaml:10:7: variant name 'dropout=0.5' is used twice (first at exp.yaml:9:5)");
  CHECK(
      error_of(head + "variants: {name: a}\n") ==
      "exp.yaml:8:11: 'variants' must be a list like [{name: baseline}, {name: b, params: {...}}]");
}

TEST_CASE("a value that only one variant gets wrong names the variant") {
  CHECK(error_of("name: t\nparams: {epochs: 3}\ndataset: {type: probe_data}\nmodel:\n"
                 "  layers: [{type: probe}]\ntraining: {epochs: \"${epochs}\"}\n"
                 "variants:\n  - {name: normal}\n  - {name: short, params: {epochs: 0}}\n") ==
        "exp.yaml:6:20: training: 'epochs' must be at least 1, got 0 (in variant 'short')");
}

TEST_CASE("early stopping on a validation metric needs validation data") {
  CHECK(error_of(kBase + "training:\n  early_stopping: {patience: 2}\n") ==
        "exp.yaml:8:19: early_stopping monitors 'val_loss' but there is no validation data: "
        "set training.validation_split or cross_validation, or monitor 'loss'");
  CHECK(error_of(kBase + "training:\n  early_stopping: {monitor: val_accuracy}\n") ==
        "exp.yaml:8:29: early_stopping monitors 'val_accuracy' but there is no validation data: "
        "set training.validation_split or cross_validation, or monitor 'loss'");
  CHECK(error_of(kBase +
                 "training:\n  early_stopping: {patience: 2}\ncross_validation: {folds: 3}\n") ==
        "no error");
}

TEST_CASE("duplicate layer names") {
  CHECK(error_of("name: t\ndataset: {type: probe_data}\nmodel:\n  layers:\n"
                 "    - {type: probe, name: a}\n    - {type: probe, name: a}\n") ==
        "exp.yaml:6:7: layer name 'a' is used twice (first at exp.yaml:5:7)");
}

TEST_CASE("without input_shape, a dataset type no plugin provides is an error") {
  CHECK(build_error_of("name: t\ndataset: {type: idx, path: x}\nmodel:\n  layers:\n"
                       "    - {type: probe}\n") ==
        "exp.yaml:4:3: model.input_shape is required (dataset plugin 'idx' not found)");
}
