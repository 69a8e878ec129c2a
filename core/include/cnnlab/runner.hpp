#pragma once
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/experiment.hpp"
#include "cnnlab/dataset.hpp"
#include "cnnlab/export.hpp"
#include "cnnlab/plugin_host.hpp"
#include "cnnlab/run_store.hpp"
#include "cnnlab/store_records.hpp"

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
CNNLAB_API ExperimentData load_experiment_data(const ExperimentSpec& spec,
                                               const PluginHost& host);

struct RunOptions {
  std::vector<std::string> variants;  // names to run; empty runs them all
  int threads = 0;                    // recorded in the history
  std::ostream* out = nullptr;        // progress and tables; nullptr: silent
  bool live_progress = false;         // redraw a progress bar (a terminal)
  // Where each fold's best model goes: <models_dir>/<run uuid>/fold-<k>.cnnlab.
  std::string models_dir = "cnnlab-models";
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
  std::vector<VariantResult> variants;
};

// Runs the experiment, logging to `store`. Throws ConfigError before any training for a bad
// variant name, dataset or model; InterruptedError (after marking the run) on Ctrl-C/SIGTERM.
CNNLAB_API ExperimentResult run_experiment(const ExperimentSpec& spec, const PluginHost& host,
                                           RunStore& store, const RunOptions& options);

// The closing table: per variant mean ± std over folds of val_loss, val_accuracy,
// test_accuracy, the mean best epoch and the time, and each variant's difference to the
// first one with the Nadeau-Bengio corrected paired t-test over folds.
CNNLAB_API std::string comparison_table(const ExperimentResult& result);

}  // namespace cnnlab
