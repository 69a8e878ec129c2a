// A plugin whose layer factory always throws, as a plugin with a bug or a failed resource
// would.
#include <cnnlab/plugin.hpp>
#include <stdexcept>

namespace {

std::unique_ptr<cnnlab::Layer> make_exploding(const cnnlab::Config&) {
  throw std::runtime_error("the exploding layer always fails");
}

cnnlab::PluginDescriptor describe() {
  cnnlab::PluginDescriptor plugin;
  plugin.name = "exploding";
  plugin.version = "0.1";
  plugin.layers.push_back({"exploding", make_exploding});
  return plugin;
}

}  // namespace

CNNLAB_PLUGIN(describe)
