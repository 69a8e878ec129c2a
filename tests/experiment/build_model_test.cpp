// From a spec to a Model through the plugin host (the probe plugin).
#include <catch2/catch.hpp>

#include "experiment_fixture.hpp"

using namespace cnnlab;
using cnnlab::test::parse;
using cnnlab::test::probe_host;

namespace {

const std::string kProbeModel =
    "name: t\n"
    "seed: 5\n"
    "dataset: {type: probe_data, shape: [12, 12, 3]}\n"
    "model:\n"
    "  layers:\n"
    "    - {type: probe, base: conv2d, class: Conv2D, output: [12, 12, 4], trainable: 112}\n"
    "    - {type: probe, base: batch_normalization, class: BatchNormalization,\n"
    "       trainable: 8, frozen: 8}\n"
    "    - {type: probe, base: conv2d, class: Conv2D, output: [6, 6, 4], trainable: 148,\n"
    "       name: head}\n"
    "    - {type: probe, base: conv2d, class: Conv2D}\n";

std::vector<std::string> names(const Model& model) {
  std::vector<std::string> out;
  for (const auto& entry : model.layers()) out.push_back(entry.name);
  return out;
}

}  // namespace

TEST_CASE("the input shape comes from the dataset when model.input_shape is absent") {
  const auto host = probe_host();
  const auto spec = parse(kProbeModel);
  CHECK(resolve_input_shape(spec, *host) == Shape{12, 12, 3});
  CHECK(resolve_input_shape(parse(kProbeModel, {"model.input_shape=[4, 4, 1]"}), *host) ==
        Shape{4, 4, 1});
}

TEST_CASE("build_model makes every layer through its plugin, with Keras names") {
  const auto host = probe_host();
  const auto spec = parse(kProbeModel);
  const Model model = build_model(spec, *host, resolve_input_shape(spec, *host));
  CHECK(names(model) ==
        std::vector<std::string>{"conv2d", "batch_normalization", "head", "conv2d_1"});
  CHECK(model.input_shape() == Shape{12, 12, 3});
  CHECK(model.layers()[0].output_shape == Shape{12, 12, 4});
  CHECK(model.output_shape() == Shape{6, 6, 4});
  CHECK(model.param_count() == 112 + 16 + 148);
  CHECK(model.trainable_param_count() == 112 + 8 + 148);
  CHECK(model.layers()[1].layer->keras_class() == "BatchNormalization");
}

TEST_CASE("a model rebuilds from a variant's resolved YAML") {
  const auto host = probe_host();
  const ResolvedVariant variant = expand_variants(parse(kProbeModel)).front();
  const Model model = build_model_from_yaml(variant.resolved_yaml, *host, {12, 12, 3}, "m.cnnlab");
  CHECK(names(model) ==
        std::vector<std::string>{"conv2d", "batch_normalization", "head", "conv2d_1"});
  CHECK(model.param_count() == 112 + 16 + 148);
}

TEST_CASE("errors in a model file's architecture name the model file") {
  const auto host = probe_host();
  CHECK_THROWS_WITH(build_model_from_yaml("name: m\ndataset: {type: x}\nmodel:\n  layers:\n"
                                          "    - {type: conv}\n",
                                          *host, {4}, "m.cnnlab"),
                    "m.cnnlab:5:14: unknown layer type 'conv'; known types: probe");
}

TEST_CASE("with no plugins at all, the messages say what is missing") {
  const auto host = probe_host(false);
  const auto spec = parse(kProbeModel);
  CHECK_THROWS_WITH(resolve_input_shape(spec, *host),
                    "exp.yaml:5:3: model.input_shape is required "
                    "(dataset plugin 'probe_data' not found)");
  CHECK_THROWS_WITH(build_model(spec, *host, {12, 12, 3}),
                    "exp.yaml:6:14: unknown layer type 'probe'; known types: none");
}

TEST_CASE("the dataset and optimizer are checked by their plugins, or noted as unchecked") {
  const auto host = probe_host();
  CHECK(check_dataset_and_optimizer(parse(kProbeModel), *host) ==
        std::vector<std::string>{"no optimizer plugin loaded: optimizer 'adam' not checked"});
  CHECK_THROWS_WITH(check_dataset_and_optimizer(parse(kProbeModel, {"dataset.shap=[1]"}), *host),
                    "--set dataset.shap=[1]: unknown key 'shap' for dataset 'probe_data' "
                    "(did you mean 'shape'?)");
  CHECK_THROWS_WITH(
      check_dataset_and_optimizer(parse(kProbeModel, {"dataset.type=probe_dat"}), *host),
      "--set dataset.type=probe_dat: unknown dataset type 'probe_dat' "
      "(did you mean 'probe_data'?); known types: probe_data");
  CHECK(check_dataset_and_optimizer(parse(kProbeModel), *probe_host(false)) ==
        std::vector<std::string>{"no dataset plugin loaded: dataset 'probe_data' not checked",
                                 "no optimizer plugin loaded: optimizer 'adam' not checked"});
  CHECK(make_dataset_for(parse(kProbeModel), *host)->info().input_shape == Shape{12, 12, 3});
}
