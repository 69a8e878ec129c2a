// A cnnlab plugin that cannot be loaded: it needs a symbol no library defines, as a plugin
// built against another cnnlab would.
#include <cnnlab/plugin.hpp>
#include <string>

__attribute__((visibility("default"))) int cnnlab_test_symbol_defined_nowhere();

namespace {

cnnlab::PluginDescriptor describe() {
  cnnlab::PluginDescriptor plugin;
  plugin.name = "unloadable";
  plugin.version = std::to_string(cnnlab_test_symbol_defined_nowhere());
  return plugin;
}

}  // namespace

CNNLAB_PLUGIN(describe)
