// cnnlab run FILE: trains every variant of an experiment (K-fold when asked), logs each run,
// fold and epoch to the history, and ends with one comparison table.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cnnlab/experiment.hpp"
#include "cnnlab/run_store.hpp"
#include "cnnlab/runner.hpp"
#include "command.hpp"
#include "experiment_options.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

int run_run(const std::vector<std::string>& args) {
  CommonOptions common;
  ExperimentOptions experiment;
  std::string db_flag, models_dir;
  po::options_description options("options");
  po::positional_options_description positional;
  add_experiment_options(options, positional, experiment, true);
  options.add_options()
      ("db", po::value<std::string>(&db_flag),
       "run history file (default: $CNNLAB_DB, else cnnlab.db)")
      ("models-dir", po::value<std::string>(&models_dir),
       "where each fold's best model is saved (default: cnnlab-models beside the history)");
  add_common_options(options, common);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab run FILE [--variant NAME]... [--set KEY=VALUE]... [--db PATH]", vm))
    return 0;

  const auto threads = limit_threads(common);
  const ExperimentSpec spec = load_experiment(experiment.file, experiment.sets);
  const auto host = load_plugins(common);
  // The history is opened (and refused when unusable) before any training starts.
  RunStore store = RunStore::open(resolve_db_path(db_flag));
  if (store.recovered_runs() > 0)
    std::cerr << "cnnlab: marked " << store.recovered_runs()
              << " run(s) left 'running' by a process that no longer exists as interrupted\n";

  RunOptions run_options;
  run_options.variants = experiment.variants;
  run_options.threads = ThreadLimit::current();
  run_options.out = &std::cout;
  run_options.live_progress = isatty(STDOUT_FILENO);
  run_options.models_dir =
      vm.count("models-dir")
          ? models_dir
          : (std::filesystem::path(store.path()).parent_path() / "cnnlab-models").string();

  std::cout << "Experiment " << spec.name << " (" << experiment.file << "), history "
            << store.path() << "\n";
  const ExperimentResult result = run_experiment(spec, *host, store, run_options);
  std::cout << "\n" << comparison_table(result);
  std::cout << "Runs:";
  for (const auto& v : result.variants) std::cout << " " << v.run_id;
  std::cout << " (cnnlab runs show ID)\n";
  return 0;
}

}  // namespace

Command run_command() {
  return {"run", "train an experiment's variants, log them to the history, compare them",
          run_run};
}

}  // namespace cnnlab::cli
