// run_experiment(): a launch of an experiment (new, resumed or one cell of it), its runs kept
// in the history, and the closing result read back from there.
#include <algorithm>
#include <filesystem>
#include <set>

#include "cell_runner.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/host/interrupt.hpp"
#include "cnnlab/host/runner.hpp"
#include "cnnlab/parallel.hpp"
#include "cnnlab/text.hpp"
#include "cnnlab/version.hpp"
#include "launch_plan.hpp"

namespace cnnlab {

namespace {

using runner::DataCache;

std::vector<std::pair<std::string, std::string>> param_strings(const ParamList& params) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : params) out.emplace_back(name, to_flow_yaml(value));
  return out;
}

int planned_folds(const ExperimentSpec& spec) {
  return spec.cross_validation ? static_cast<int>(spec.cross_validation->folds) : 1;
}

RunStart run_start(const ExperimentSpec& spec, const ResolvedVariant& variant, int variant_index,
                   const ExperimentIdentity& identity, const std::string& launch,
                   const RunOptions& options) {
  const ExperimentSpec& s = variant.spec;
  RunStart start;
  start.experiment = s.name;
  start.variant = variant.name;
  start.seed = s.seed;
  start.config_yaml = spec.source_text;
  start.resolved_yaml = variant.resolved_yaml;
  start.params = param_strings(s.params);
  if (s.training.early_stopping) start.monitor = s.training.early_stopping->monitor;
  start.threads = options.threads > 0 ? options.threads : ThreadLimit::current();
  start.uuid = run_uuid(launch, variant.name);
  start.launch = launch;
  start.fingerprint = identity.fingerprint;
  start.data_identity = identity.data_identity;
  start.variant_index = variant_index;
  start.cells = planned_folds(s);
  start.status = options.prepare_only || options.cell ? RunStatus::incomplete : RunStatus::running;
  start.workdir = options.workdir;
  return start;
}

// What a recorded run's variant looked like, as experiment_identity() hashes it.
std::string recorded_variant_yaml(const RunInfo& run) {
  const std::string& text = run.resolved_yaml;
  const size_t body = text.rfind('#', 0) == 0 ? text.find('\n') + 1 : 0;
  try {
    return variant_identity_yaml(run.variant, parse_yaml(text.substr(body), "the history"));
  } catch (const Error&) {
    return "variant: " + run.variant + "\n" + text.substr(body);
  }
}

bool unfinished(RunStatus status) {
  return status == RunStatus::interrupted || status == RunStatus::failed ||
         status == RunStatus::incomplete;
}

// The launch `--resume` continues, checked against the experiment as it is now.
std::string launch_to_resume(const RunStore& store, const ExperimentSpec& spec,
                             const ExperimentIdentity& identity, const std::string& ref) {
  std::vector<std::vector<RunInfo>> candidates;
  if (ref == "latest") {
    for (auto& runs : store.experiment_launches(spec.name)) {
      const bool open = std::any_of(runs.begin(), runs.end(),
                                    [](const RunInfo& r) { return unfinished(r.status); });
      if (open) candidates.push_back(std::move(runs));
    }
    if (candidates.empty())
      throw ConfigError("--resume: experiment '" + spec.name +
                        "' has no interrupted, failed or "
                        "incomplete run in " +
                        store.path());
    for (const auto& runs : candidates)
      if (runs.front().fingerprint == identity.fingerprint) return runs.front().launch;
  } else {
    const RunInfo run = store.load_run(store.find_run(ref)).run;
    if (run.launch.empty())
      throw ConfigError("--resume: run " + ref + " was recorded before runs could be resumed");
    if (run.experiment != spec.name)
      throw ConfigError("--resume: run " + ref + " is of experiment '" + run.experiment +
                        "', not of '" + spec.name + "'");
    candidates.push_back(store.launch_runs(run.launch));
    for (const RunInfo& r : candidates.front())
      if (r.status == RunStatus::running)
        throw ConfigError("--resume: run " + std::to_string(r.id) + " of that launch is still " +
                          "running (pid " + std::to_string(r.pid) + " on " + r.host + ")");
    if (run.fingerprint == identity.fingerprint) {
      const auto& runs = candidates.front();
      if (std::none_of(runs.begin(), runs.end(),
                       [](const RunInfo& r) { return unfinished(r.status); }))
        throw ConfigError("--resume: run " + ref + " and the rest of its launch are finished");
      return run.launch;
    }
  }
  const auto& runs = candidates.front();
  std::vector<std::string> yaml, names;
  for (const RunInfo& r : runs) {
    yaml.push_back(recorded_variant_yaml(r));
    names.push_back(r.variant);
  }
  std::string what = identity_difference(yaml, runs.front().data_identity, identity, names);
  if (what.empty())
    what =
        "its fingerprint differs, though the experiment and data read the same (recorded by "
        "an older cnnlab?)";
  throw ConfigError("--resume: cannot continue run " + std::to_string(runs.front().id) + ": " +
                    what);
}

// training.save_model naming the history, a data file or a place in a data folder: the
// model would replace it, or change the data's identity so that the launch could not resume.
void check_save_targets(const std::vector<ResolvedVariant>& variants,
                        const ExperimentIdentity& identity, const std::string& history) {
  namespace fs = std::filesystem;
  for (const ResolvedVariant& v : variants) {
    if (!v.spec.training.save_model) continue;
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(*v.spec.training.save_model, ec);
    std::string problem;
    if (fs::equivalent(target, history, ec)) problem = "the run history " + history;
    for (const std::string& data : identity.data_paths) {
      if (!problem.empty()) break;
      const fs::path place(data);
      const bool inside =
          std::mismatch(place.begin(), place.end(), target.begin(), target.end()).first ==
          place.end();
      if (fs::equivalent(target, place, ec))
        problem = "a data file, " + data;
      else if (inside && fs::is_directory(place, ec))
        problem = "in the data folder " + data;
    }
    if (problem.empty()) continue;
    const ConfigValue* training = v.resolved.find("training");
    const ConfigValue* value = training ? training->find("save_model") : nullptr;
    throw ConfigError(value ? value->location : SourceLocation{v.spec.file, 0, 0},
                      "training.save_model is " + problem +
                          ": the model must not replace or join what the experiment reads");
  }
}

struct LaunchRun {
  const ResolvedVariant* variant;
  int variant_index;
  int64_t run_id;
  std::string uuid;
};

class Launch {
 public:
  Launch(const ExperimentSpec& spec, const PluginHost& host, RunStore& store,
         const RunOptions& options)
      : spec_(spec), host_(host), store_(store), options_(options), cache_(host) {}

  ExperimentResult run();

 private:
  std::vector<int> variants_to_run();
  void train_variant(const LaunchRun& run);
  void settle_all(RunStatus otherwise, const std::string& error);

  const ExperimentSpec& spec_;
  const PluginHost& host_;
  RunStore& store_;
  const RunOptions& options_;
  DataCache cache_;
  std::vector<ResolvedVariant> variants_;
  ExperimentIdentity identity_;
  std::string launch_;
  std::vector<LaunchRun> runs_;
  std::vector<CellPlan> cells_;
  std::optional<CellPlan> only_;  // --cell
};

// The variants of this launch: those recorded when resuming, else those selected.
std::vector<int> Launch::variants_to_run() {
  if (options_.resume.empty()) return runner::select_variants(variants_, options_.variants);
  std::vector<std::string> recorded;
  for (const RunInfo& run : store_.launch_runs(launch_)) recorded.push_back(run.variant);
  const std::vector<int> selected = runner::select_variants(variants_, recorded);
  // The command that started the launch, repeated with --resume, is fine; another choice is
  // not.
  if (!options_.variants.empty() &&
      runner::select_variants(variants_, options_.variants) != selected)
    throw ConfigError("--resume continues the variants its launch started with (" +
                      join(recorded, ", ") + "); --variant cannot choose others");
  return selected;
}

ExperimentResult Launch::run() {
  variants_ = expand_variants(spec_);
  identity_ = experiment_identity(spec_, variants_);
  check_save_targets(variants_, identity_, store_.path());
  if (!options_.expected_fingerprint.empty() &&
      options_.expected_fingerprint != identity_.fingerprint)
    throw ConfigError(spec_.file +
                      ": the experiment or its data changed since this launch was "
                      "planned (fingerprint " +
                      identity_.fingerprint.substr(0, 12) + ", expected " +
                      options_.expected_fingerprint.substr(0, 12) + ")");
  if (!options_.resume.empty())
    launch_ = launch_to_resume(store_, spec_, identity_, options_.resume);
  else if (!options_.launch.empty())
    launch_ = options_.launch;
  else if (options_.cell)
    launch_ = derived_uuid("cnnlab launch\n" + identity_.fingerprint);
  else
    launch_ = new_uuid();

  const std::vector<int> selected = variants_to_run();
  // Every variant's model and optimizer are made once before any training, so a mistake in
  // the last variant is reported before the first one spends an hour.
  for (int v : selected) {
    const ExperimentSpec& s = variants_[v].spec;
    const Model model = build_model(s, host_, resolve_input_shape(s, host_));
    check_output_units(model, make_dataset_for(s, host_)->info(), s.model.location);
    make_optimizer_for(s, host_);
  }
  cells_ = runner::plan_cells(variants_, selected, cache_);
  if (options_.cell) {
    const auto it = std::find_if(cells_.begin(), cells_.end(),
                                 [&](const CellPlan& c) { return c.index == *options_.cell; });
    if (it != cells_.end()) only_ = *it;
    if (!only_)
      throw ConfigError("--cell " + std::to_string(*options_.cell) + ": the experiment has cells " +
                        (cells_.empty() ? std::string("none")
                                        : std::to_string(cells_.front().index) + " to " +
                                              std::to_string(cells_.back().index)) +
                        " (see cnnlab plan)");
  }
  for (int v : selected) {
    const RunStart start = run_start(spec_, variants_[v], v, identity_, launch_, options_);
    runs_.push_back({&variants_[v], v, store_.ensure_run(start), start.uuid});
  }

  const InterruptFlag interrupt_flag;
  if (!options_.prepare_only) {
    try {
      for (const LaunchRun& run : runs_) {
        if (!only_ || only_->variant_index == run.variant_index) train_variant(run);
      }
    } catch (const InterruptedError& e) {
      settle_all(RunStatus::interrupted, e.what());
      throw;
    } catch (const std::exception& e) {
      settle_all(RunStatus::failed, e.what());
      throw;
    }
    settle_all(options_.cell ? RunStatus::incomplete : RunStatus::failed, "cells missing");
  }
  ExperimentResult result = launch_result(store_, launch_);
  // The plan knows every cell's index, also when only some variants run.
  result.cells = cells_;
  result.missing_cells.clear();
  for (const CellPlan& cell : cells_) {
    const auto& v = result.variants;
    const bool done = std::any_of(v.begin(), v.end(), [&](const VariantResult& r) {
      return r.name == cell.variant &&
             std::any_of(r.folds.begin(), r.folds.end(),
                         [&](const FoldRecord& f) { return f.fold == cell.fold; });
    });
    if (!done) result.missing_cells.push_back(cell);
  }
  return result;
}

void Launch::train_variant(const LaunchRun& run) {
  const ExperimentSpec& s = run.variant->spec;
  const ExperimentData& data = cache_.get(s);
  const std::vector<Fold> folds = runner::plan_folds(s, data.train);
  std::set<int> done;
  for (const FoldRecord& f : store_.load_run(run.run_id).folds) done.insert(f.fold);
  bool claimed = false;
  for (size_t k = 0; k < folds.size(); ++k) {
    const int number = runner::fold_number(s, k);
    if (only_ && only_->fold != number) continue;
    if (done.count(number)) {
      std::error_code ec;
      std::filesystem::remove(runner::cell_file(options_, run.uuid, number, "checkpoint"), ec);
      if (options_.out)
        *options_.out << "\nVariant " << run.variant->name << ", fold " << number
                      << ": finished earlier, kept\n";
      continue;
    }
    if (!claimed && !options_.worker) store_.claim_run(run.run_id);
    claimed = true;
    runner::CellJob job;
    job.experiment = &spec_;
    job.variant = run.variant;
    job.data = &data;
    job.fold = &folds[k];
    job.fold_number = number;
    job.folds = static_cast<int>(folds.size());
    job.last_fold = k + 1 == folds.size();
    job.run_id = run.run_id;
    job.run_uuid = run.uuid;
    job.fingerprint = identity_.fingerprint;
    runner::run_cell(job, host_, store_, options_);
  }
}

// Each run's status from its folds: complete runs are completed (or diverged); the others
// take `otherwise`. A --jobs worker leaves this to its parent.
void Launch::settle_all(RunStatus otherwise, const std::string& error) {
  if (options_.worker) return;
  for (const LaunchRun& run : runs_) {
    try {
      store_.settle_run(run.run_id, otherwise, error);
    } catch (const StoreError&) {
      // The history itself failing is already the error being reported.
    }
  }
}

}  // namespace

ExperimentResult run_experiment(const ExperimentSpec& spec, const PluginHost& host, RunStore& store,
                                const RunOptions& options) {
  return Launch(spec, host, store, options).run();
}

ExperimentResult launch_result(const RunStore& store, const std::string& launch) {
  ExperimentResult result;
  result.launch = launch;
  const std::vector<RunInfo> runs = store.launch_runs(launch);
  // Cell indices count every variant's folds; they are known when the launch has them all.
  bool indexable = true;
  for (size_t i = 0; i < runs.size(); ++i)
    indexable = indexable && runs[i].variant_index == static_cast<int>(i) && runs[i].cells > 0;
  int first_cell = 0;
  for (const RunInfo& run : runs) {
    const RunDetail detail = store.load_run(run.id);
    result.experiment = run.experiment;
    result.fingerprint = run.fingerprint;
    VariantResult v;
    v.name = run.variant;
    v.run_id = run.id;
    v.uuid = run.uuid;
    v.status = run.status;
    v.folds = detail.folds;
    for (const FoldRecord& f : detail.folds) v.seconds += f.train_seconds;
    if (!detail.folds.empty()) {
      v.train_samples = static_cast<size_t>(detail.folds.front().train_samples);
      v.validation_samples = static_cast<size_t>(detail.folds.front().validation_samples);
    }
    std::set<int> present;
    for (const FoldRecord& f : detail.folds) present.insert(f.fold);
    for (int k = 0; k < run.cells; ++k) {
      CellPlan cell;
      cell.index = indexable ? first_cell + k : -1;
      cell.variant_index = run.variant_index;
      cell.variant = run.variant;
      cell.fold = run.cells == 1 ? 0 : k + 1;
      result.cells.push_back(cell);
      if (!present.count(cell.fold)) result.missing_cells.push_back(cell);
    }
    first_cell += run.cells;
    result.variants.push_back(std::move(v));
  }
  return result;
}

}  // namespace cnnlab
