#pragma once
#include <ostream>

#include "cnnlab/host/runner.hpp"

namespace cnnlab::cli {

// A launch's comparison table, then its missing cells (if any) and the runs' ids: how `run`
// ends and what `runs merge` prints for each launch it touched.
void print_launch_report(std::ostream& out, const ExperimentResult& result);

}  // namespace cnnlab::cli
