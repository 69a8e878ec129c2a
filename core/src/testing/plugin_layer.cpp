#include "cnnlab/config.hpp"
#include "cnnlab/host/experiment.hpp"
#include "cnnlab/testing/layer_check.hpp"

namespace cnnlab::testing {

LayerFactory plugin_layer(const PluginHost& host, const std::string& type,
                          const std::string& settings) {
  // Parsed once, so a typo in the settings fails here, where the test names it.
  const ConfigValue parsed = parse_yaml(settings, "settings of " + type);
  if (parsed.kind != ConfigValue::Kind::map)
    throw ConfigError(parsed.location, "the settings of " + type + " must be a YAML map");
  return [&host, type, parsed] {
    return host.make_layer(type, Config(parsed, "layer '" + type + "'"));
  };
}

}  // namespace cnnlab::testing
