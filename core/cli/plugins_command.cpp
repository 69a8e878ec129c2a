#include <iostream>

#include "command.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

void print_types(const char* kind, const std::vector<std::string>& types) {
  if (types.empty()) return;
  std::cout << "    " << kind << ":";
  for (const auto& t : types) std::cout << " " << t;
  std::cout << "\n";
}

int run_plugins(const std::vector<std::string>& args) {
  CommonOptions common;
  po::options_description options("options");
  add_common_options(options, common);
  po::variables_map vm;
  if (!parse_args(args, options, {}, "cnnlab plugins [--plugins DIR]...", vm)) return 0;
  const auto host = load_plugins(common);
  for (const auto& p : host->plugins()) {
    std::cout << p.name << " " << p.version << "  (" << p.file << ")\n";
    print_types("layers", p.layers);
    print_types("optimizers", p.optimizers);
    print_types("datasets", p.datasets);
  }
  if (host->plugins().empty())
    std::cout << "no plugins found (searched --plugins, CNNLAB_PLUGIN_PATH and "
              << PluginHost::default_plugin_dir() << ")\n";
  return 0;
}

}  // namespace

Command plugins_command() {
  return {"plugins", "list the plugins found and the types each provides", run_plugins};
}

}  // namespace cnnlab::cli
