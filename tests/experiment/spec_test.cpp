// The typed spec: defaults, every key of the contract, files, resolved YAML, shipped files.
#include <catch2/catch.hpp>
#include <filesystem>

#include "experiment_fixture.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using cnnlab::test::kBase;
using cnnlab::test::parse;

TEST_CASE("defaults follow Keras") {
  const auto spec = parse(kBase);
  CHECK(spec.name == "t");
  CHECK(spec.seed == 0);
  CHECK(spec.params.empty());
  CHECK(spec.dataset.type == "probe_data");
  CHECK_FALSE(spec.dataset.limit_train);
  CHECK_FALSE(spec.dataset.limit_test);
  CHECK(spec.training.epochs == 10);
  CHECK(spec.training.batch_size == 32);
  CHECK(spec.training.optimizer.type == "adam");
  CHECK(spec.training.optimizer.config.kind == ConfigValue::Kind::map);
  CHECK(spec.training.optimizer.config.entries.empty());
  CHECK(spec.training.loss == "categorical_crossentropy");
  CHECK(spec.training.validation_split == 0.0);
  CHECK(spec.training.shuffle);
  CHECK_FALSE(spec.training.early_stopping);
  CHECK_FALSE(spec.training.save_model);
  CHECK_FALSE(spec.cross_validation);
  CHECK(spec.variants.empty());
}

TEST_CASE("every key of the contract is read") {
  const auto spec = parse(
      "name: fashion-cnn\n"
      "seed: 42\n"
      "params: {dropout: 0.0, bn: false}\n"
      "dataset:\n"
      "  type: probe_data\n"
      "  shape: [28, 28, 1]\n"
      "  limit_train: 10000\n"
      "  limit_test: 2000\n"
      "model:\n"
      "  input_shape: [28, 28, 1]\n"
      "  layers:\n"
      "    - {type: probe, name: first, class: Conv2D}\n"
      "    - {type: probe, when: bn}\n"
      "training:\n"
      "  epochs: 3\n"
      "  batch_size: 200\n"
      "  optimizer: {type: adam, learning_rate: 0.001}\n"
      "  loss: sparse_categorical_crossentropy\n"
      "  validation_split: 0.1\n"
      "  shuffle: false\n"
      "  early_stopping: {monitor: val_accuracy, patience: 3, min_delta: 0.01, mode: max,\n"
      "                   baseline: 0.5, restore_best_weights: true, start_from_epoch: 2}\n"
      "  save_model: out/model.cnnlab\n"
      "cross_validation: {folds: 4, stratified: false, shuffle: false}\n"
      "variants:\n"
      "  - {name: baseline}\n"
      "  - {name: dropout, params: {dropout: 0.25}}\n");
  CHECK(spec.name == "fashion-cnn");
  CHECK(spec.seed == 42);
  REQUIRE(spec.params.size() == 2);
  CHECK(spec.params[0].first == "dropout");
  CHECK(spec.dataset.limit_train == 10000);
  CHECK(spec.dataset.limit_test == 2000);
  CHECK(spec.dataset.config.entries.size() == 1);
  CHECK(spec.dataset.config.entries[0].first == "shape");
  CHECK(spec.dataset.type_location.str() == "exp.yaml:5:9");
  CHECK(spec.model.input_shape == Shape{28, 28, 1});
  REQUIRE(spec.model.layers.size() == 1);
  const LayerSpec& layer = spec.model.layers[0];
  CHECK(layer.type == "probe");
  CHECK(layer.name == "first");
  CHECK(layer.config.entries.size() == 1);
  CHECK(layer.config.find("class")->scalar == "Conv2D");
  CHECK(layer.location.str() == "exp.yaml:12:7");
  CHECK(layer.type_location.str() == "exp.yaml:12:14");
  CHECK(spec.training.epochs == 3);
  CHECK(spec.training.batch_size == 200);
  CHECK(spec.training.optimizer.type == "adam");
  CHECK(spec.training.optimizer.config.find("learning_rate")->scalar == "0.001");
  CHECK(spec.training.loss == "categorical_crossentropy");
  CHECK(spec.training.validation_split == 0.1);
  CHECK_FALSE(spec.training.shuffle);
  REQUIRE(spec.training.early_stopping);
  const auto& es = *spec.training.early_stopping;
  CHECK(es.monitor == "val_accuracy");
  CHECK(es.patience == 3);
  CHECK(es.min_delta == 0.01);
  CHECK(es.mode == MonitorMode::max);
  CHECK(es.baseline == 0.5);
  CHECK(es.restore_best_weights);
  CHECK(es.start_from_epoch == 2);
  CHECK(spec.training.save_model == "out/model.cnnlab");
  REQUIRE(spec.cross_validation);
  CHECK(spec.cross_validation->folds == 4);
  CHECK_FALSE(spec.cross_validation->stratified);
  CHECK_FALSE(spec.cross_validation->shuffle);
  REQUIRE(spec.variants.size() == 2);
  CHECK(spec.variants[1].name == "dropout");
  CHECK(spec.variants[1].params[0].second.scalar == "0.25");
}

TEST_CASE("the optimizer may be just its type, like Keras' optimizer=\"sgd\"") {
  const auto spec = parse(kBase + "training: {optimizer: sgd}\n");
  CHECK(spec.training.optimizer.type == "sgd");
  CHECK(spec.training.optimizer.config.entries.empty());
  CHECK(spec.training.optimizer.type_location.str() == "exp.yaml:7:23");
}

TEST_CASE("a file: locations name it, relative paths resolve from its folder") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("sub"));
  const std::string path = dir.file("sub/exp.yaml");
  test::write_file(path, kBase + "training: {save_model: models/m.cnnlab}\n");
  const auto spec = load_experiment(path);
  CHECK(spec.file == path);
  CHECK(spec.base_dir == dir.file("sub"));
  CHECK(spec.source_text == test::read_file(path));
  CHECK(spec.training.save_model == dir.file("sub/models/m.cnnlab"));
  CHECK(spec.model.layers[0].location.str() == path + ":6:7");

  CHECK_THROWS_WITH(load_experiment(dir.file("missing.yaml")),
                    "cannot read experiment file '" + dir.file("missing.yaml") + "': no such file");
  CHECK_THROWS_WITH(load_experiment(dir.path()),
                    "cannot read experiment file '" + dir.path() + "': not a regular file");
}

TEST_CASE("a variant's resolved YAML has no params left to apply and reads back the same") {
  const auto spec = parse(
      "name: t\nseed: 3\nparams: {bn: false, n: 4}\ndataset: {type: probe_data, shape: [8, 8, 1]}\n"
      "model:\n  layers:\n    - {type: probe, trainable: \"${n}\"}\n    - {type: probe, when: bn}\n"
      "training: {epochs: 2}\nvariants:\n  - {name: with_bn, params: {bn: true, n: 6}}\n");
  const ResolvedVariant variant = expand_variants(spec).front();
  CHECK(variant.resolved_yaml ==
        "# exp.yaml, variant 'with_bn', with params and 'when:' applied\n"
        "name: t\n"
        "seed: 3\n"
        "params:\n"
        "  bn: true\n"
        "  n: 6\n"
        "dataset:\n"
        "  type: probe_data\n"
        "  shape: [8, 8, 1]\n"
        "model:\n"
        "  layers:\n"
        "    - {type: probe, trainable: 6}\n"
        "    - {type: probe}\n"
        "training:\n"
        "  epochs: 2\n");
  const auto again = parse_experiment(variant.resolved_yaml, "model.cnnlab", ".");
  CHECK(again.model.layers.size() == 2);
  CHECK(again.model.layers[0].config.find("trainable")->scalar == "6");
  CHECK(again.variants.empty());
  const std::string reread = expand_variants(again).front().resolved_yaml;
  CHECK(reread.substr(reread.find('\n')) ==
        variant.resolved_yaml.substr(variant.resolved_yaml.find('\n')));
}

TEST_CASE("YAML text round-trips through ConfigValue") {
  const std::string text =
      "name: \"a: b\"\nlist: [1, two, \"\"]\nnested:\n  map: {x: ~, y: [a, b]}\nempty: {}\n";
  const ConfigValue value = parse_yaml(text, "t.yaml");
  CHECK(value.find("name")->scalar == "a: b");
  CHECK(value.find("nested")->find("map")->find("x")->kind == ConfigValue::Kind::null);
  CHECK(parse_yaml(to_yaml(value), "again.yaml").find("name")->scalar == "a: b");
  CHECK(to_yaml(parse_yaml(to_yaml(value), "again.yaml")) == to_yaml(value));
  CHECK(to_flow_yaml(*value.find("list")) == "[1, two, \"\"]");
  CHECK(value.key_locations.at(2).str() == "t.yaml:3:1");
  CHECK(value.find("nested")->find("map")->key_locations.at(1).str() == "t.yaml:4:15");
}

TEST_CASE("every shipped experiment loads and expands") {
  namespace fs = std::filesystem;
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(CNNLAB_SOURCE_DIR "/experiments")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().string());
    const ExperimentSpec spec = load_experiment(entry.path().string());
    CHECK_FALSE(expand_variants(spec).empty());
    ++count;
  }
  CHECK(count >= 6);
}
