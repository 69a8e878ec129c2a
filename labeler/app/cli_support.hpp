#pragma once
// Command-line pieces shared by the cnnlab-label commands (same conventions as `cnnlab`:
// --help on each, exit 0 / 1 runtime failure / 2 usage error, one-line errors).
#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "labeler/dataset_layout.hpp"
#include "labeler/export_settings.hpp"

namespace cnnlab::label::app {

namespace po = boost::program_options;

// Parses args; prints `usage` and the options and returns false on --help.
bool parse_command_line(const std::vector<std::string>& args,
                        const po::options_description& options,
                        const po::positional_options_description& positional,
                        const std::string& usage, po::variables_map& vm);

void print_warning(const std::string& message);  // "cnnlab-label: warning: ..." on stderr

// --size, --grayscale, --color, --test-split, --seed.
void add_export_options(po::options_description& options);
// The dataset's saved settings (defaults when it has none) with the command line's changes.
ExportSettings resolve_export_settings(const po::variables_map& vm, const DatasetLayout& layout);

// "1024x720" -> {1024, 720}; throws ConfigError naming the option otherwise.
std::pair<int, int> parse_dimensions(const std::string& text, const std::string& option);

// An absolute, normalised path (the folder need not exist).
std::string absolute_path(const std::string& path);

}  // namespace cnnlab::label::app
