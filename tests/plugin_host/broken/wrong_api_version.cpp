// A plugin built for a future plugin API. It declares its entry points by hand: CNNLAB_PLUGIN
// always declares the version it is compiled with.
#include <cnnlab/plugin.hpp>
#include <stdexcept>

namespace {

int future_api_version() { return cnnlab::kPluginApiVersion + 1; }

// The host must refuse the plugin on its version alone, before touching anything else.
const cnnlab::PluginDescriptor& future_descriptor() {
  throw std::logic_error("the host read the descriptor of a plugin built for another API");
}

}  // namespace

BOOST_DLL_ALIAS(future_api_version, cnnlab_plugin_api_version)
BOOST_DLL_ALIAS(future_descriptor, cnnlab_plugin_descriptor)
