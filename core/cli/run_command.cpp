// cnnlab run FILE: trains every variant of an experiment (K-fold when asked), logs each run,
// fold and epoch to the history, and ends with one comparison table. --resume continues an
// interrupted launch, --cell runs one cell of it, --jobs runs cells as parallel processes and
// --slurm submits them to Slurm (docs/SCALE_OUT.md).
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/run_store.hpp"
#include "cnnlab/host/runner.hpp"
#include "command.hpp"
#include "experiment_options.hpp"
#include "launch_report.hpp"
#include "local_jobs.hpp"
#include "options.hpp"
#include "slurm_submit.hpp"

namespace cnnlab::cli {

namespace {

struct LaunchFlags {
  std::string resume;
  int cell = -1;
  std::string launch;
  std::string fingerprint;
  bool worker = false;
  int jobs = 1;
  bool slurm = false;
  SlurmOptions slurm_options;
};

void add_launch_options(po::options_description& options, LaunchFlags& flags) {
  options.add_options()(
      "resume", po::value<std::string>(&flags.resume)->implicit_value("latest"),
      "continue the newest interrupted, failed or incomplete run of this experiment, or the "
      "launch of run ID (--resume ID)")("cell", po::value<int>(&flags.cell),
                                        "run only cell N (see cnnlab plan)")(
      "jobs", po::value<int>(&flags.jobs), "run J cells at once as child processes")(
      "slurm", po::bool_switch(&flags.slurm), "submit the cells to Slurm as one job array")(
      "max-parallel", po::value<int>(&flags.slurm_options.max_parallel),
      "with --slurm: at most K tasks at once (%K)")(
      "sbatch-arg",
      po::value<std::vector<std::string>>(&flags.slurm_options.sbatch_args)->composing(),
      "with --slurm: one more sbatch option for every job, e.g. --sbatch-arg=--partition=gpu")(
      "dry-run", po::bool_switch(&flags.slurm_options.dry_run),
      "with --slurm: print the job script and the sbatch lines, submit nothing")(
      "launch", po::value<std::string>(&flags.launch),
      "with --cell: the launch uuid the cell belongs to (the Slurm job script passes it)")(
      "fingerprint", po::value<std::string>(&flags.fingerprint),
      "refuse to run unless the experiment's fingerprint is this one")(
      "worker", po::bool_switch(&flags.worker),
      "with --cell: record the cell only (a child of --jobs)");
}

void check_flags(const LaunchFlags& flags, const po::variables_map& vm) {
  const auto conflict = [&](const char* a, const char* b) {
    if (vm.count(a) && !vm[a].defaulted() && vm.count(b) && !vm[b].defaulted())
      throw ConfigError(std::string("--") + a + " and --" + b + " cannot be combined");
  };
  conflict("cell", "resume");
  conflict("cell", "jobs");
  conflict("cell", "slurm");
  conflict("jobs", "slurm");
  if (vm.count("cell") && flags.cell < 0)
    throw ConfigError("--cell must be a cell index >= 0 (see cnnlab plan)");
  if (vm.count("jobs") && flags.jobs < 1) throw ConfigError("--jobs must be >= 1");
  if (!flags.slurm &&
      (vm.count("max-parallel") || vm.count("sbatch-arg") || flags.slurm_options.dry_run))
    throw ConfigError("--max-parallel, --sbatch-arg and --dry-run go with --slurm");
  if (flags.slurm && vm.count("max-parallel") && flags.slurm_options.max_parallel < 1)
    throw ConfigError("--max-parallel must be >= 1");
  if ((flags.worker || vm.count("launch")) && !vm.count("cell"))
    throw ConfigError("--launch and --worker go with --cell");
}

// A history this command created but left without a run (a launch refused before it began,
// --slurm --dry-run) is removed again: a command that recorded nothing leaves nothing behind.
void remove_if_empty(const std::string& path) {
  try {
    if (!RunStore::open_existing(path).list_runs({}).rows.empty()) return;
  } catch (const Error&) {
    return;
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(path + suffix, ec);
}

int launch(const ExperimentSpec& spec, const PluginHost& host, const std::string& db_path,
           const std::optional<std::string>& models_dir, std::optional<int> cell,
           const ExperimentOptions& experiment, const CommonOptions& common,
           const LaunchFlags& flags) {
  // The history is opened (and refused when unusable) before any training starts.
  RunStore store = RunStore::open(db_path);
  if (store.recovered_runs() > 0)
    std::cerr << "cnnlab: marked " << store.recovered_runs()
              << " run(s) left 'running' by a process that no longer exists as interrupted\n";

  RunOptions run_options;
  run_options.variants = experiment.variants;
  run_options.threads = ThreadLimit::current();
  run_options.out = &std::cout;
  run_options.warnings = &std::cerr;
  run_options.live_progress = isatty(STDOUT_FILENO);
  run_options.models_dir =
      models_dir ? *models_dir
                 : (std::filesystem::path(store.path()).parent_path() / "cnnlab-models").string();
  run_options.resume = flags.resume;
  run_options.cell = cell;
  run_options.launch = flags.launch;
  run_options.expected_fingerprint = flags.fingerprint;
  run_options.worker = flags.worker;

  if (flags.slurm) {
    const LaunchCommand command{experiment, common, store.path(), run_options.models_dir};
    return submit_to_slurm(spec, host, store, run_options, command, flags.slurm_options);
  }
  if (flags.jobs > 1) {
    const LaunchCommand command{experiment, common, store.path(), run_options.models_dir};
    print_launch_report(std::cout,
                        run_local_jobs(spec, host, store, run_options, command, flags.jobs));
    return 0;
  }

  std::cout << "Experiment " << spec.name << " (" << experiment.file << "), history "
            << store.path() << "\n";
  const ExperimentResult result = run_experiment(spec, host, store, run_options);
  if (run_options.cell) {
    std::cout << "Cell " << *run_options.cell << " of launch " << result.launch << " recorded in "
              << store.path() << "\n";
    return 0;
  }
  print_launch_report(std::cout, result);
  return 0;
}

int run_run(const std::vector<std::string>& args) {
  CommonOptions common;
  ExperimentOptions experiment;
  LaunchFlags flags;
  std::string db_flag, models_dir;
  po::options_description options("options");
  po::positional_options_description positional;
  add_experiment_options(options, positional, experiment, true);
  options.add_options()("db", po::value<std::string>(&db_flag),
                        "run history file (default: $CNNLAB_DB, else cnnlab.db)")(
      "models-dir", po::value<std::string>(&models_dir),
      "where each fold's best model and checkpoint go (default: cnnlab-models beside the "
      "history)");
  add_launch_options(options, flags);
  add_common_options(options, common);
  // `--resume ID`: an option with an optional value does not take the next word, so the ID
  // arrives as a second positional argument.
  std::string resume_ref;
  options.add_options()("resume-ref", po::value<std::string>(&resume_ref),
                        "with --resume: the run (id or uuid) whose launch to continue");
  positional.add("resume-ref", 1);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab run FILE [--variant NAME]... [--set KEY=VALUE]... [--db PATH] "
                  "[--resume [ID] | --cell N | --jobs J | --slurm]",
                  vm))
    return 0;
  if (vm.count("resume-ref")) {
    if (!vm.count("resume"))
      throw ConfigError("unexpected argument '" + resume_ref + "' (one experiment FILE per run)");
    flags.resume = resume_ref;
  }
  check_flags(flags, vm);

  const auto threads = limit_threads(common);
  const ExperimentSpec spec = load_experiment(experiment.file, experiment.sets);
  const auto host = load_plugins(common);
  const std::string db_path = resolve_db_path(db_flag);
  std::error_code ec;
  const bool new_history = !std::filesystem::exists(std::filesystem::symlink_status(db_path, ec));
  std::optional<std::string> models;
  if (vm.count("models-dir")) models = models_dir;
  std::optional<int> cell;
  if (vm.count("cell")) cell = flags.cell;
  try {
    const int code = launch(spec, *host, db_path, models, cell, experiment, common, flags);
    if (new_history) remove_if_empty(db_path);
    return code;
  } catch (...) {
    if (new_history) remove_if_empty(db_path);
    throw;
  }
}

}  // namespace

Command run_command() {
  return {"run", "train an experiment's variants, log them to the history, compare them", run_run};
}

}  // namespace cnnlab::cli
