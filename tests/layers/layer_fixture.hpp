#pragma once
// Making built-in layers the way the runner does: through the cnnlab_layers plugin, loaded by
// cnnlab::PluginHost from the build tree, from a configuration written inline.
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/plugin_host.hpp"
#include "test_support.hpp"

namespace cnnlab::test {

// A layer config from "key=value key=[a, b] ..." as if written on line 1 of "exp.yaml":
// each key and value carries its 1-based column, so errors name "exp.yaml:1:COL".
ConfigValue inline_config(const std::string& text);

// Makes a layer of `type` from inline_config(settings), rejecting unknown keys like the runner.
std::shared_ptr<Layer> make_layer(const std::string& type, const std::string& settings = "");

// A stack of layers built one after the other, as a Sequential model does.
struct LayerStack {
  std::vector<std::shared_ptr<Layer>> layers;
  std::vector<Shape> shapes;  // input shape, then each layer's output shape
  int64_t trainable_params = 0;
  int64_t non_trainable_params = 0;
};
// `spec` has one "type key=value ..." line per layer.
LayerStack build_stack(const Shape& input, const std::vector<std::string>& spec, uint64_t seed = 1);

}  // namespace cnnlab::test
