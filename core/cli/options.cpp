#include "options.hpp"

#include <iostream>

#include "cnnlab/error.hpp"

namespace cnnlab::cli {

void add_common_options(po::options_description& options, CommonOptions& common) {
  options.add_options()(
      "plugins", po::value<std::vector<std::string>>(&common.plugin_dirs)->composing(),
      "load plugins from DIR (repeatable; searched before CNNLAB_PLUGIN_PATH and the "
      "built-in plugins)")("threads", po::value<int>(&common.threads)->default_value(0),
                           "worker threads (0: all cores)");
}

bool parse_args(const std::vector<std::string>& args, const po::options_description& options,
                const po::positional_options_description& positional, const std::string& usage,
                po::variables_map& vm) {
  po::options_description all;
  all.add(options);
  all.add_options()("help,h", "show this help");
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: " << usage << "\n\n" << all << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

std::unique_ptr<PluginHost> load_plugins(const CommonOptions& common) {
  PluginHost::Options options;
  options.dirs = common.plugin_dirs;
  auto host = std::make_unique<PluginHost>(options);
  for (const auto& warning : host->warnings()) std::cerr << "cnnlab: warning: " << warning << "\n";
  return host;
}

std::unique_ptr<ThreadLimit> limit_threads(const CommonOptions& common) {
  if (common.threads < 0) throw ConfigError("--threads must be 0 (all cores) or positive");
  return std::make_unique<ThreadLimit>(common.threads);
}

}  // namespace cnnlab::cli
