#pragma once
// What the fuzz targets share. Each target is one LLVMFuzzerTestOneInput that hands the input
// to a reader and catches cnnlab::Error only: that is the one clear error every bad input must
// end in. Any other exception escapes, std::terminate aborts, and libFuzzer records the input
// as a finding, like a crash, a sanitizer report, a timeout or going over -rss_limit_mb.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cnnlab/config.hpp"
#include "cnnlab/plugin_host.hpp"

namespace cnnlab::fuzz {

// A folder of this process's own (under $TMPDIR), removed at exit: the readers take paths.
const std::string& scratch_dir();

// Writes `size` bytes to scratch_dir()/relative (parent folders made), replacing what was
// there. Returns the path.
std::string write_scratch(const std::string& relative, const void* data, size_t size);
std::string write_scratch(const std::string& relative, const std::string& text);

// A valid 1x1 PNG, for the folders around a fuzzed file.
std::string tiny_png();

// The build's own plugins, loaded on the first call. Targets call it from LLVMFuzzerInitialize
// so that the plugins' coverage counters are registered before fuzzing starts.
const PluginHost& plugins();

// A plugin config from a YAML map, as an experiment file's `dataset:` would give it.
Config config_from_yaml(const std::string& yaml, const std::string& what);

}  // namespace cnnlab::fuzz
