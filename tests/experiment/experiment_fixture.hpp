#pragma once
// Helpers for the experiment tests: experiments from text, their errors, a host with only
// the probe plugin (tests/experiment/probe_plugin.cpp).
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/plugin_host.hpp"

namespace cnnlab::test {

// A valid experiment's lines 1-6; tests append sections from line 7 on.
//   1 name: t
//   2 dataset: {type: probe_data, shape: [8, 8, 1]}
//   3 model:
//   4   input_shape: [8, 8, 1]
//   5   layers:
//   6     - {type: probe}
extern const std::string kBase;

// The experiment in `yaml`, labelled "exp.yaml".
ExperimentSpec parse(const std::string& yaml, const std::vector<std::string>& overrides = {});
// The message of the ConfigError that parsing (and expanding) `yaml` throws, or "no error".
std::string error_of(const std::string& yaml, const std::vector<std::string>& overrides = {});
// The message of the error that building the first variant's model throws, or "no error".
std::string build_error_of(const std::string& yaml);

// A host that loads only the probe plugin (or nothing).
std::unique_ptr<PluginHost> probe_host(bool load_probe = true);

}  // namespace cnnlab::test
