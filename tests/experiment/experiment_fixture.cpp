#include "experiment_fixture.hpp"

namespace cnnlab::test {

const std::string kBase =
    "name: t\n"
    "dataset: {type: probe_data, shape: [8, 8, 1]}\n"
    "model:\n"
    "  input_shape: [8, 8, 1]\n"
    "  layers:\n"
    "    - {type: probe}\n";

ExperimentSpec parse(const std::string& yaml, const std::vector<std::string>& overrides) {
  return parse_experiment(yaml, "exp.yaml", ".", overrides);
}

std::string error_of(const std::string& yaml, const std::vector<std::string>& overrides) {
  try {
    expand_variants(parse(yaml, overrides));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

std::string build_error_of(const std::string& yaml) {
  try {
    const auto host = probe_host();
    const ResolvedVariant variant = expand_variants(parse(yaml)).front();
    build_model(variant.spec, *host, resolve_input_shape(variant.spec, *host));
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::unique_ptr<PluginHost> probe_host(bool load_probe) {
  PluginHost::Options options;
  if (load_probe) options.dirs = {PROBE_PLUGIN_DIR};
  options.use_environment = false;
  options.use_default_dir = false;
  return std::make_unique<PluginHost>(options);
}

}  // namespace cnnlab::test
