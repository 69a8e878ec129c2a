#pragma once
// The cnnlab-label commands; each returns the exit code and throws cnnlab::Error or
// program_options errors, which main reports in one line.
#include <string>
#include <vector>

namespace cnnlab::label::app {

int run_label(const std::vector<std::string>& args);
int run_export(const std::vector<std::string>& args);
int run_report(const std::vector<std::string>& args);

}  // namespace cnnlab::label::app
