#pragma once
#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/parallel.hpp"
#include "cnnlab/plugin_host.hpp"

namespace cnnlab::cli {

namespace po = boost::program_options;

// Options every subcommand takes: --plugins DIR (repeatable), --threads N.
struct CommonOptions {
  std::vector<std::string> plugin_dirs;
  int threads = 0;
};

void add_common_options(po::options_description& options, CommonOptions& common);

// Parses args; prints `usage` and the options and returns false on --help.
bool parse_args(const std::vector<std::string>& args, const po::options_description& options,
                const po::positional_options_description& positional, const std::string& usage,
                po::variables_map& vm);

// Loads the plugins named by --plugins, CNNLAB_PLUGIN_PATH and the default folder; prints the
// host's warnings (skipped files) to stderr.
std::unique_ptr<PluginHost> load_plugins(const CommonOptions& common);

// Applies --threads for the lifetime of the returned object; validates the value.
std::unique_ptr<ThreadLimit> limit_threads(const CommonOptions& common);

}  // namespace cnnlab::cli
