// The host in process: objects keep their plugin loaded, factories get their Config and their
// errors are reported with the plugin file and the YAML location. Uses the channel_scale
// example plugin, which is a real layer: its gradients are checked here too.
#include <dlfcn.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/plugin_host.hpp"
#include "test_plugins.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

PluginHost::Options only(const std::string& dir) {
  PluginHost::Options options;
  options.dirs = {dir};
  options.use_environment = false;
  options.use_default_dir = false;
  return options;
}

// A layer's settings as the YAML reader would give them: `entries` written on line 7 of
// exp.yaml, one key after the other.
Config layer_config(const std::string& what,
                    const std::vector<std::pair<std::string, std::string>>& entries) {
  ConfigValue map;
  map.kind = ConfigValue::Kind::map;
  map.location = {"exp.yaml", 7, 5};
  int column = 8;
  for (const auto& [key, text] : entries) {
    ConfigValue value;
    value.kind = ConfigValue::Kind::scalar;
    value.scalar = text;
    value.location = {"exp.yaml", 7, column + static_cast<int>(key.size()) + 2};
    map.entries.emplace_back(key, value);
    map.key_locations.push_back({"exp.yaml", 7, column});
    column += static_cast<int>(key.size() + text.size()) + 4;
  }
  return Config(map, what);
}

bool is_loaded(const std::string& file) {
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle) dlclose(handle);
  return handle != nullptr;
}

Tensor random_tensor(std::vector<int64_t> dims, Rng& rng) {
  Tensor t(std::move(dims));
  for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  return t;
}

// loss = sum(forward(x) * weights): its gradient with respect to the output is `weights`.
double weighted_loss(Layer& layer, const Tensor& x, const Tensor& weights) {
  Tensor out;
  layer.forward(x, out, StepContext{true, 0});
  double loss = 0;
  for (size_t i = 0; i < out.size(); ++i) loss += static_cast<double>(out[i]) * weights[i];
  return loss;
}

// Central difference of the loss with respect to `value[i]`.
double numeric_gradient(Layer& layer, Tensor& value, size_t i, const Tensor& x,
                        const Tensor& weights) {
  const float eps = 1e-2f, saved = value[i];
  value[i] = saved + eps;
  const double up = weighted_loss(layer, x, weights);
  value[i] = saved - eps;
  const double down = weighted_loss(layer, x, weights);
  value[i] = saved;
  return (up - down) / (2.0 * eps);
}

}  // namespace

TEST_CASE("a layer keeps its plugin loaded after the host is gone") {
  const std::string file = std::filesystem::canonical(kGoodFile).string();
  std::shared_ptr<Layer> layer;
  {
    PluginHost host(only(kGoodDir));
    layer = host.make_layer("channel_scale", layer_config("layer 'channel_scale'", {}));
  }
  REQUIRE(is_loaded(file));

  Rng rng(3);
  REQUIRE(layer->build({2, 2, 3}, rng) == Shape{2, 2, 3});
  const Tensor x = random_tensor({4, 2, 2, 3}, rng);
  Tensor out, grad_in;
  layer->forward(x, out, StepContext{true, 0});
  layer->backward(x, out, out, &grad_in);
  CHECK(out.dims() == x.dims());
  CHECK(layer->type() == "channel_scale");
  layer.reset();
#ifndef CNNLAB_SANITIZE  // sanitizer builds load plugins with RTLD_NODELETE
  CHECK_FALSE(is_loaded(file));
#endif
}

TEST_CASE("the example plugin's layer computes correct gradients") {
  PluginHost host(only(kGoodDir));
  auto layer = host.make_layer("channel_scale",
                               layer_config("layer 'channel_scale'", {{"initial_scale", "0.5"}}));
  Rng rng(11);
  layer->build({3, 2, 4}, rng);
  const auto params = layer->parameters();
  REQUIRE(params.size() == 2);
  CHECK(params[0]->value[0] == 0.5f);
  for (auto* p : params)
    for (size_t i = 0; i < p->value.size(); ++i) p->value[i] = static_cast<float>(rng.uniform());

  Tensor x = random_tensor({2, 3, 2, 4}, rng);
  const Tensor weights = random_tensor({2, 3, 2, 4}, rng);
  Tensor out, grad_in;
  layer->forward(x, out, StepContext{true, 0});
  layer->backward(x, out, weights, &grad_in);

  for (auto* p : params)
    for (size_t i = 0; i < p->value.size(); ++i)
      CHECK(p->grad[i] == Approx(numeric_gradient(*layer, p->value, i, x, weights)).epsilon(1e-3));
  for (size_t i = 0; i < x.size(); i += 5)
    CHECK(grad_in[i] == Approx(numeric_gradient(*layer, x, i, x, weights)).epsilon(1e-3));
}

TEST_CASE("a factory's configuration errors name the YAML key") {
  PluginHost host(only(kGoodDir));
  SECTION("a value the factory rejects") {
    const auto cfg = layer_config("layer 'channel_scale'", {{"initial_scale", "0"}});
    CHECK_THROWS_WITH(host.make_layer("channel_scale", cfg),
                      "exp.yaml:7:23: layer 'channel_scale': 'initial_scale' must not be 0");
  }
  SECTION("a key no getter asked for") {
    const auto cfg = layer_config("layer 'channel_scale'", {{"ofset", "false"}});
    CHECK_THROWS_WITH(host.make_layer("channel_scale", cfg),
                      "exp.yaml:7:8: unknown key 'ofset' for layer 'channel_scale' "
                      "(did you mean 'offset'?)");
  }
  SECTION("a type no plugin provides") {
    try {
      host.make_layer("chanel_scale", layer_config("layer", {}), {"exp.yaml", 7, 11});
      FAIL("no error");
    } catch (const ConfigError& e) {
      CHECK(std::string(e.what()) ==
            "exp.yaml:7:11: unknown layer type 'chanel_scale' (did you mean 'channel_scale'?); "
            "known types: channel_scale");
      CHECK(e.exit_code() == 2);
    }
  }
}

TEST_CASE("a factory that throws is reported with the plugin file and the layer's location") {
  const std::string file = std::filesystem::canonical(kThrowingFile).string();
  PluginHost host(only(kThrowingDir));
  try {
    host.make_layer("exploding", layer_config("layer 'exploding'", {}), {"exp.yaml", 9, 7});
    FAIL("no error");
  } catch (const PluginError& e) {
    CHECK(std::string(e.what()) == "exp.yaml:9:7: layer 'exploding' (plugin " + file +
                                       ") failed: the exploding layer always fails");
    CHECK(e.exit_code() == 2);
  }
}
