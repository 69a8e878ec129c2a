// params, ${...}, when:, variants, grid and --set.
#include <catch2/catch.hpp>

#include "experiment_fixture.hpp"

using namespace cnnlab;
using cnnlab::test::error_of;
using cnnlab::test::kBase;
using cnnlab::test::parse;

namespace {

std::vector<std::string> variant_names(const ExperimentSpec& spec) {
  std::vector<std::string> names;
  for (const auto& v : expand_variants(spec)) names.push_back(v.name);
  return names;
}

std::string param_text(const ExperimentSpec& spec, const std::string& name) {
  for (const auto& [key, value] : spec.params)
    if (key == name) return value.scalar;
  return "(absent)";
}

// The `base:` of each layer (the probe layer's name base) after `when:`.
std::vector<std::string> layer_bases(const ExperimentSpec& spec) {
  std::vector<std::string> bases;
  for (const auto& layer : spec.model.layers) bases.push_back(layer.config.find("base")->scalar);
  return bases;
}

const std::string kWhenModel =
    "name: t\n"
    "params: {bn: false, dropout: 0.0}\n"
    "dataset: {type: probe_data}\n"
    "model:\n"
    "  input_shape: [8, 8, 1]\n"
    "  layers:\n"
    "    - {type: probe, base: conv}\n"
    "    - {type: probe, base: bn, when: bn}\n"
    "    - {type: probe, base: drop, when: dropout, trainable: \"${dropout}\"}\n"
    "    - {type: probe, base: no_bn, when: \"!bn\"}\n";

}  // namespace

TEST_CASE("a whole-scalar ${name} takes the param's value, of any kind") {
  const auto spec = parse(
      "name: t\nparams: {shape: [8, 8, 1], epochs: 4}\ndataset: {type: probe_data}\n"
      "model:\n  input_shape: \"${shape}\"\n  layers: [{type: probe}]\n"
      "training: {epochs: \"${epochs}\"}\n");
  CHECK(spec.model.input_shape == Shape{8, 8, 1});
  CHECK(spec.training.epochs == 4);
}

TEST_CASE("${name} inside a longer string is replaced by the value's text") {
  const auto spec = parse(kBase +
                          "params: {tag: v1, epochs: 2}\n"
                          "training: {save_model: \"models/${tag}-e${epochs}.cnnlab\"}\n");
  CHECK(spec.training.save_model == "models/v1-e2.cnnlab");
  CHECK(error_of(kBase + "params: {shape: [1, 2]}\ntraining: {save_model: \"m${shape}\"}\n") ==
        "exp.yaml:8:24: param 'shape' is [1, 2] and cannot be part of the string 'm${shape}'");
}

TEST_CASE("when: keeps a layer only for a true param; 0 and false are false; !name negates") {
  const auto spec = parse(kWhenModel);
  CHECK(layer_bases(spec) == std::vector<std::string>{"conv", "no_bn"});
  CHECK(spec.model.layers[1].file_index == 3);
  CHECK(spec.model.layers[1].config.find("when") == nullptr);

  CHECK(layer_bases(parse(kWhenModel, {"bn=true", "dropout=0.25"})) ==
        std::vector<std::string>{"conv", "bn", "drop"});
  for (const std::string truthy : {"yes", "on", "1", "-2", "0.5", "True"})
    CHECK(layer_bases(parse(kWhenModel, {"bn=" + truthy})).at(1) == "bn");
  for (const std::string falsy : {"no", "off", "0", "0.0", "False", ""})
    CHECK(layer_bases(parse(kWhenModel, {"bn=" + falsy})).at(1) == "no_bn");
}

TEST_CASE("a dropped layer's ${...} are not evaluated") {
  CHECK(error_of("name: t\nparams: {extra: false}\ndataset: {type: probe_data}\nmodel:\n"
                 "  layers:\n    - {type: probe}\n"
                 "    - {type: probe, when: extra, rank: \"${nope}\"}\n") == "no error");
}

TEST_CASE("explicit variants come first, then the grid, last key fastest") {
  const auto spec = parse(kWhenModel +
                          "variants:\n"
                          "  - {name: baseline}\n"
                          "  - {name: heavy, params: {dropout: 0.5}}\n"
                          "grid: {dropout: [0.0, 0.25], bn: [false, true]}\n");
  CHECK(variant_names(spec) ==
        std::vector<std::string>{"baseline", "heavy", "dropout=0.0,bn=false", "dropout=0.0,bn=true",
                                 "dropout=0.25,bn=false", "dropout=0.25,bn=true"});
  const auto variants = expand_variants(spec);
  CHECK(layer_bases(variants[0].spec) == std::vector<std::string>{"conv", "no_bn"});
  CHECK(layer_bases(variants[1].spec) == std::vector<std::string>{"conv", "drop", "no_bn"});
  CHECK(variants[1].spec.model.layers[1].config.find("trainable")->scalar == "0.5");
  CHECK(layer_bases(variants[5].spec) == std::vector<std::string>{"conv", "bn", "drop"});
  CHECK(param_text(variants[5].spec, "dropout") == "0.25");
  CHECK(param_text(variants[5].spec, "bn") == "true");
  CHECK(param_text(variants[1].spec, "bn") == "false");  // from params:, not changed by 'heavy'
  CHECK(spec.variants.size() == 6);
  CHECK(param_text(spec, "dropout") == "0.0");  // the spec itself keeps the defaults
}

TEST_CASE("a grid alone, and no variants at all") {
  CHECK(variant_names(parse(kWhenModel + "grid: {bn: [true, false]}\n")) ==
        std::vector<std::string>{"bn=true", "bn=false"});
  CHECK(variant_names(parse(kWhenModel)) == std::vector<std::string>{"default"});
  CHECK(parse(kWhenModel).variants.empty());
}

TEST_CASE("a --set changes a param's default; variants still set their own") {
  const auto spec = parse(
      kWhenModel + "variants:\n  - {name: a}\n  - {name: b, params: {bn: false}}\n", {"bn=true"});
  const auto variants = expand_variants(spec);
  CHECK(param_text(variants[0].spec, "bn") == "true");
  CHECK(param_text(variants[1].spec, "bn") == "false");
}

TEST_CASE("a --set reaches any value by a dotted path, adding missing keys") {
  const auto spec = parse(
      kBase + "training: {epochs: 5}\n",
      {"training.epochs=2", "dataset.limit_train=1000", "seed=7", "model.layers.0.output=[4, 4]",
       "training.early_stopping.monitor=loss", "params.extra=1"});
  CHECK(spec.training.epochs == 2);
  CHECK(spec.dataset.limit_train == 1000);
  CHECK(spec.seed == 7);
  const ConfigValue* output = spec.model.layers[0].config.find("output");
  REQUIRE(output);
  CHECK(output->kind == ConfigValue::Kind::list);
  CHECK(output->items.size() == 2);
  CHECK(output->location.str() == "--set model.layers.0.output=[4, 4]");
  REQUIRE(spec.training.early_stopping);
  CHECK(spec.training.early_stopping->monitor == "loss");
  CHECK(param_text(spec, "extra") == "1");
}

TEST_CASE("a --set of a layer counts the layers as written, before when:") {
  const auto spec = parse(kWhenModel, {"model.layers.3.base=renamed"});
  CHECK(layer_bases(spec) == std::vector<std::string>{"conv", "renamed"});
}

TEST_CASE("a --set with an empty value removes a setting") {
  const auto spec = parse(kBase + "training: {epochs: 5}\n", {"training.epochs="});
  CHECK(spec.training.epochs == 10);
}
