#pragma once
// Making the built-in optimizers (and layers) the way the runner does: through the plugins of
// the build tree, loaded by cnnlab::PluginHost.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/optimizer.hpp"
#include "cnnlab/plugin_host.hpp"
#include "test_support.hpp"

namespace cnnlab::test {

using Settings = std::vector<std::pair<std::string, std::string>>;

// A configuration map of scalar settings as if written on line 1 of "exp.yaml".
Config make_config(const std::string& what, const Settings& settings);

// An optimizer of `type` from key/value settings, unknown keys rejected as in the runner.
std::shared_ptr<Optimizer> make_optimizer(const std::string& type, const Settings& settings = {});
// A layer of a plugin, the same way.
std::shared_ptr<Layer> make_layer(const std::string& type, const Settings& settings = {});

// A trainable parameter holding `values` (dims {values.size()}) with a zero gradient.
Parameter make_parameter(const std::vector<float>& values, const std::string& name = "kernel");

}  // namespace cnnlab::test
