#pragma once
// One cell: a variant's fold trained (from its checkpoint when there is one), evaluated,
// recorded and its model saved.
#include <string>

#include "cnnlab/host/kfold.hpp"
#include "cnnlab/host/runner.hpp"

namespace cnnlab::runner {

struct CellJob {
  const ExperimentSpec* experiment = nullptr;  // the file as loaded (for save_model naming)
  const ResolvedVariant* variant = nullptr;
  const ExperimentData* data = nullptr;
  const Fold* fold = nullptr;
  int fold_number = 0;     // 0 without cross-validation, else 1..k
  int folds = 1;           // how many the variant has
  bool last_fold = false;  // save_model writes after the last one
  int64_t run_id = 0;
  std::string run_uuid;
  std::string fingerprint;  // binds the checkpoint to this experiment
};

// Trains the cell, logging its epochs, fold record and model artifact to `store`. A
// checkpoint of this cell (same run, fold and fingerprint) is continued from; a foreign or
// damaged one is reported and ignored. Throws InterruptedError on Ctrl-C.
FoldRecord run_cell(const CellJob& job, const PluginHost& host, RunStore& store,
                    const RunOptions& options);

// <models_dir>/<run uuid>/fold-<k>.<extension>
std::string cell_file(const RunOptions& options, const std::string& run_uuid, int fold,
                      const std::string& extension);

}  // namespace cnnlab::runner
