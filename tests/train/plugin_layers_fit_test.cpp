// End to end with the built-in plugins: layers from cnnlab_layers and optimizers from
// cnnlab_optimizers, loaded by PluginHost exactly as the runner loads them.
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/host/trainer.hpp"
#include "cnnlab/parallel.hpp"
#include "optimizer_fixture.hpp"
#include "synthetic_data.hpp"

using cnnlab::test::make_layer;
using cnnlab::test::Settings;

namespace {

struct LayerSpec {
  std::string type;
  Settings settings;
};

cnnlab::Model build_model(const std::vector<LayerSpec>& layers, uint64_t seed) {
  cnnlab::Model model({8, 8, 1});
  for (const LayerSpec& spec : layers) model.add(make_layer(spec.type, spec.settings), seed);
  return model;
}

// A small CNN in the lecture's shape: convolution, pooling, dense softmax.
const std::vector<LayerSpec> kSmallCnn{
    {"conv2d",
     {{"filters", "8"}, {"kernel_size", "3"}, {"padding", "same"}, {"activation", "relu"}}},
    {"maxpool2d", {{"pool_size", "2"}}},
    {"flatten", {}},
    {"dense", {{"units", "3"}, {"activation", "softmax"}}}};

// With batch normalization and dropout: every layer with training-mode behaviour.
const std::vector<LayerSpec> kRegularizedCnn{
    {"conv2d",
     {{"filters", "8"}, {"kernel_size", "3"}, {"padding", "same"}, {"activation", "relu"}}},
    {"batchnorm", {}},
    {"maxpool2d", {{"pool_size", "2"}}},
    {"dropout", {{"rate", "0.25"}}},
    {"flatten", {}},
    {"dense", {{"units", "16"}, {"activation", "relu"}}},
    {"dense", {{"units", "3"}, {"activation", "softmax"}}}};

cnnlab::FitOptions options(int epochs, int batch_size, uint64_t seed) {
  cnnlab::FitOptions o;
  o.epochs = epochs;
  o.batch_size = batch_size;
  o.seed = seed;
  return o;
}

}  // namespace

TEST_CASE("a small CNN of plugin layers learns bars and squares to high accuracy") {
  const auto train = cnnlab::test::shape_images(900, 1);
  const auto test = cnnlab::test::shape_images(300, 2);
  const cnnlab::IndexList all = cnnlab::all_indices(train.size());
  const auto split = cnnlab::validation_split(all, 0.2);
  cnnlab::Model model = build_model(kSmallCnn, 42);
  auto opt = cnnlab::test::make_optimizer("adam", {{"learning_rate", "0.01"}});
  const auto r = cnnlab::fit(model, *opt, cnnlab::samples_of(train, split.train),
                             cnnlab::samples_of(train, split.validation), options(10, 32, 42));
  CHECK(model.outputs_logits());
  CHECK_FALSE(r.diverged);
  CHECK(*r.history.back().val_accuracy > 0.95);
  const auto evaluation = cnnlab::evaluate(model, cnnlab::all_samples(test));
  CHECK(evaluation.accuracy > 0.95);
  for (double per_class : evaluation.per_class_accuracy) CHECK(per_class > 0.9);
}

TEST_CASE("fit with plugin layers is bit-identical at 1 and 2 threads") {
  const auto train = cnnlab::test::shape_images(300, 3);
  const auto val = cnnlab::test::shape_images(90, 4);
  auto run = [&](int threads) {
    cnnlab::ThreadLimit limit(threads);
    cnnlab::Model model = build_model(kRegularizedCnn, 7);
    auto opt = cnnlab::test::make_optimizer("adam");
    cnnlab::FitOptions o = options(2, 64, 9);
    o.early_stopping = cnnlab::EarlyStoppingOptions{};
    o.early_stopping->patience = 5;
    o.early_stopping->restore_best_weights = true;
    const auto r =
        cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val), o);
    std::vector<std::vector<float>> weights;
    for (const cnnlab::Parameter* p : model.all_parameters()) {
      weights.emplace_back(p->value.data(), p->value.data() + p->value.size());
    }
    std::vector<double> metrics;
    for (const auto& m : r.history) {
      metrics.insert(metrics.end(), {m.loss, m.accuracy, *m.val_loss, *m.val_accuracy});
    }
    return std::make_pair(weights, metrics);
  };
  const auto one = run(1);
  const auto two = run(2);
  CHECK(one.first == two.first);
  CHECK(one.second == two.second);
}
