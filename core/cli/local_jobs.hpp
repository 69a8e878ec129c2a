#pragma once
#include "cnnlab/host/runner.hpp"
#include "launch_command.hpp"

namespace cnnlab::cli {

// `cnnlab run --jobs J`: the launch's runs are recorded (or, with options.resume, found), then
// its missing cells run as up to J child processes (`run --cell N --worker`, the threads
// divided between them) writing into the same history, each with its output in
// <models_dir>/<launch>/cell-N.log. Ctrl-C stops the children; their cells resume later.
// Returns the launch's result as the history holds it at the end; when a cell failed, prints
// that result and throws an Error naming the failed cells.
ExperimentResult run_local_jobs(const ExperimentSpec& spec, const PluginHost& host, RunStore& store,
                                RunOptions options, const LaunchCommand& command, int jobs);

}  // namespace cnnlab::cli
