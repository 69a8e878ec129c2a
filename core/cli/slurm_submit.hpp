#pragma once
#include <string>
#include <vector>

#include "cnnlab/host/runner.hpp"
#include "launch_command.hpp"

namespace cnnlab::cli {

struct SlurmOptions {
  int max_parallel = 0;  // %K throttle; 0: none
  std::vector<std::string> sbatch_args;
  bool dry_run = false;
};

// `cnnlab run --slurm`: records the launch's runs in the history (status `incomplete`), writes
// a job script and a merge script into the run folder <history dir>/cnnlab-slurm/<launch>/,
// and submits one job array (a task per missing cell, each with its own cell history
// cell-N.db there) and a merge job that runs after it (afterany) and merges the cell histories
// into the main one. With options.resume, the launch's cell histories are merged first and
// only the cells still missing are submitted. Returns the exit code.
int submit_to_slurm(const ExperimentSpec& spec, const PluginHost& host, RunStore& store,
                    RunOptions options, const LaunchCommand& command, const SlurmOptions& slurm);

}  // namespace cnnlab::cli
