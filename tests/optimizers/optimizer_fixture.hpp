#pragma once
// Making the built-in optimizers the way the runner does: through the cnnlab_optimizers
// plugin, loaded by cnnlab::PluginHost from the build tree.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/layer.hpp"
#include "cnnlab/optimizer.hpp"
#include "cnnlab/plugin_host.hpp"

namespace cnnlab::test {

// The host with only the build tree's plugin folder, loaded once per test executable.
const PluginHost& plugin_host();

// An optimizer of `type` from key/value settings, unknown keys rejected as in the runner.
std::shared_ptr<Optimizer> make_optimizer(
    const std::string& type, const std::vector<std::pair<std::string, std::string>>& settings = {});

// A trainable parameter holding `values` (dims {values.size()}) with a zero gradient.
Parameter make_parameter(const std::vector<float>& values, const std::string& name = "kernel");

}  // namespace cnnlab::test
