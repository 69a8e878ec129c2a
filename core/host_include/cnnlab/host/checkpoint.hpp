#pragma once
// A training checkpoint: what fit() needs to continue a training after the epoch it was taken
// at, exactly as if it had never stopped. Random streams need no saving: the epoch's shuffle
// and every dropout mask are derived from (seed, epoch, step), so the epoch number fixes them.
#include <optional>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/early_stopping.hpp"
#include "cnnlab/host/lr_schedule.hpp"
#include "cnnlab/host/trainer.hpp"
#include "cnnlab/optimizer.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

struct TrainingCheckpoint {
  // Who the checkpoint belongs to (the runner puts the run uuid, the fold and the experiment's
  // fingerprint here); read_checkpoint's caller compares it before trusting the file.
  std::string owner;
  int epoch = 0;                   // epochs finished, 1-based
  std::vector<Tensor> parameters;  // Model::all_parameters() values, BN statistics too
  OptimizerState optimizer;
  std::optional<EarlyStoppingState> early_stopping;
  double learning_rate = 0.0;  // the rate of the next epoch (ReduceLROnPlateau's doing)
  std::optional<ReduceLrOnPlateauState> reduce_lr_on_plateau;
  std::vector<Tensor> best_parameters;  // restore_best_weights' copy; empty when none
  std::vector<EpochMetrics> history;    // the epochs so far
};

// On disk: magic "CNNLABCK", a format version, the fields above, a CRC-32; written to a
// temporary file that is flushed and renamed over `path`, so a crash mid-write leaves the
// previous checkpoint whole.
CNNLAB_API void write_checkpoint(const std::string& path, const TrainingCheckpoint& checkpoint);
// Throws DataError naming the file when it is damaged, truncated or of another version.
CNNLAB_API TrainingCheckpoint read_checkpoint(const std::string& path);

}  // namespace cnnlab
