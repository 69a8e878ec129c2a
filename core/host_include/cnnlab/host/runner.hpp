#pragma once
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cnnlab/dataset.hpp"
#include "cnnlab/export.hpp"
#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/launch.hpp"
#include "cnnlab/host/run_store.hpp"
#include "cnnlab/host/store_records.hpp"
#include "cnnlab/plugin_host.hpp"

namespace cnnlab {

// What `cnnlab run` does with a validated experiment: for every selected variant, one run in
// the history; for every fold (one without cross_validation), a fit with early stopping, the
// best weights evaluated on the held-out fold and on the test split, the fold's model saved.
// Every variant sees the same folds, so their differences are paired.

// A dataset's two splits in memory, after dataset.limit_train / limit_test.
struct CNNLAB_API ExperimentData {
  DatasetInfo info;
  ImageSet train;
  ImageSet test;
};

// Makes the experiment's dataset through its plugin and loads both splits.
CNNLAB_API ExperimentData load_experiment_data(const ExperimentSpec& spec, const PluginHost& host);

struct RunOptions {
  std::vector<std::string> variants;  // names to run; empty runs them all
  int threads = 0;                    // recorded in the history
  std::ostream* out = nullptr;        // progress and tables; nullptr: silent
  std::ostream* warnings = nullptr;   // "cnnlab: warning: ..." lines; nullptr: silent
  bool live_progress = false;         // redraw a progress bar (a terminal)
  // Where each fold's best model goes: <models_dir>/<run uuid>/fold-<k>.cnnlab, and, while
  // the fold trains, its checkpoint <models_dir>/<run uuid>/fold-<k>.checkpoint.
  std::string models_dir = "cnnlab-models";

  // Launch control (docs/SCALE_OUT.md).
  // Continue a launch: "latest" (the newest one of this experiment's fingerprint that is
  // interrupted, failed or incomplete) or the id or uuid of one of its runs.
  std::string resume;
  // Run exactly this cell (plan_experiment's index) and nothing else.
  std::optional<int> cell;
  // The launch's uuid for `cell` (a Slurm task gets the submitter's); empty: derived from the
  // fingerprint, so every process running a cell of the same experiment agrees on it.
  std::string launch;
  // Refuse to run unless the experiment's fingerprint is this one (a task checks that the
  // experiment did not change since it was submitted).
  std::string expected_fingerprint;
  // A child of `cnnlab run --jobs`: record the cell only; the parent owns the runs' status.
  bool worker = false;
  // Create the launch's runs (status `incomplete`) and train nothing: a distributed run
  // whose cells are submitted elsewhere.
  bool prepare_only = false;
  std::string workdir;  // recorded with the runs of a distributed launch
};

struct VariantResult {
  std::string name;
  int64_t run_id = 0;
  std::string uuid;
  RunStatus status = RunStatus::running;
  std::vector<FoldRecord> folds;
  size_t train_samples = 0;       // per fold (the first fold's count)
  size_t validation_samples = 0;  // per fold
  double seconds = 0.0;
};

struct ExperimentResult {
  std::string experiment;
  std::string launch;
  std::string fingerprint;
  std::vector<VariantResult> variants;
  std::vector<CellPlan> cells;          // every cell of the launch's variants
  std::vector<CellPlan> missing_cells;  // those without a finished fold in the history
};

// Every cell of the experiment (all variants, or those named; indices stay those of the
// whole experiment) and its identity. Loads the datasets to count the folds' samples.
struct ExperimentPlan {
  ExperimentIdentity identity;
  std::vector<CellPlan> cells;
};
CNNLAB_API ExperimentPlan plan_experiment(const ExperimentSpec& spec, const PluginHost& host,
                                          const std::vector<std::string>& variants = {});

// Runs the experiment's launch, logging to `store`: a new one, a resumed one (finished cells
// kept, an unfinished one continued from its checkpoint, the rest run) or one cell of it.
// Throws ConfigError before any training for a bad variant name, dataset or model, or a
// resume whose experiment changed; InterruptedError (after marking the runs) on Ctrl-C/SIGTERM.
CNNLAB_API ExperimentResult run_experiment(const ExperimentSpec& spec, const PluginHost& host,
                                           RunStore& store, const RunOptions& options);

// The result of a launch as the history holds it (after `runs merge`, say): its runs' folds.
CNNLAB_API ExperimentResult launch_result(const RunStore& store, const std::string& launch);

// The closing table: per variant mean ± std over folds of val_loss, val_accuracy,
// test_accuracy, the mean best epoch and the time, and each variant's difference to the
// first one with the Nadeau-Bengio corrected paired t-test over folds.
CNNLAB_API std::string comparison_table(const ExperimentResult& result);

}  // namespace cnnlab
