#include "cli_support.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cnnlab/error.hpp"

namespace cnnlab::label::app {

bool parse_command_line(const std::vector<std::string>& args,
                        const po::options_description& options,
                        const po::positional_options_description& positional,
                        const std::string& usage, po::variables_map& vm) {
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

void print_warning(const std::string& message) {
  std::cerr << "cnnlab-label: warning: " << message << "\n";
}

void add_export_options(po::options_description& options) {
  options.add_options()(
      "size", po::value<std::string>()->value_name("WxH"),
      "export images resized to WxH pixels ('original': keep each image's size); remembered "
      "in DATASET_DIR/export.conf")("grayscale", "export images as grayscale (remembered)")(
      "color", "export images in color again after --grayscale (remembered)")(
      "test-split", po::value<double>()->value_name("F"),
      "fraction of each class marked test in split.csv (default 0.2; remembered)")(
      "seed", po::value<uint64_t>()->value_name("N"), "seed of the split (default 0; remembered)");
}

ExportSettings resolve_export_settings(const po::variables_map& vm, const DatasetLayout& layout) {
  ExportSettings settings = read_export_settings(layout.settings()).value_or(ExportSettings{});
  if (vm.count("grayscale") && vm.count("color"))
    throw ConfigError("--grayscale and --color contradict each other");
  if (vm.count("size")) parse_export_size(vm["size"].as<std::string>(), settings);
  if (vm.count("grayscale")) settings.grayscale = true;
  if (vm.count("color")) settings.grayscale = false;
  if (vm.count("test-split")) {
    settings.test_split = vm["test-split"].as<double>();
    check_test_split(settings.test_split);
  }
  if (vm.count("seed")) settings.seed = vm["seed"].as<uint64_t>();
  return settings;
}

std::pair<int, int> parse_dimensions(const std::string& text, const std::string& option) {
  const auto x = text.find('x');
  std::istringstream w(text.substr(0, x)), h(x == std::string::npos ? "" : text.substr(x + 1));
  int width = 0, height = 0;
  if (x == std::string::npos || !(w >> width) || !w.eof() || !(h >> height) || !h.eof() ||
      width < 1 || height < 1 || width > 16384 || height > 16384)
    throw ConfigError(option + " '" + text + "' is not WIDTHxHEIGHT (e.g. 1024x720)");
  return {width, height};
}

std::string absolute_path(const std::string& path) {
  std::string normal = std::filesystem::absolute(path).lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

}  // namespace cnnlab::label::app
