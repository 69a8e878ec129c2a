#pragma once
// The command line of one cell of a launch, as `run --jobs` starts it and as a Slurm job
// script runs it.
#include <string>
#include <vector>

#include "experiment_options.hpp"
#include "options.hpp"

namespace cnnlab::cli {

struct LaunchCommand {
  ExperimentOptions experiment;
  CommonOptions common;
  std::string db;          // the history the launch is recorded in
  std::string models_dir;  // where fold models and checkpoints go
};

// This cnnlab's own executable, as an absolute path.
std::string own_executable();

// `cnnlab run FILE --set.. --variant.. --launch L --fingerprint F --plugins..`: the part
// shared by every cell; the caller adds --cell, --db, --models-dir and --threads.
std::vector<std::string> cell_command(const LaunchCommand& command, const std::string& launch,
                                      const std::string& fingerprint);

}  // namespace cnnlab::cli
