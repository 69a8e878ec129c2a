#pragma once
#include <map>
#include <optional>
#include <string>

#include "cnnlab/export.hpp"

namespace cnnlab {

// One epoch's logged metrics by Keras name: "loss", "accuracy", "val_loss", "val_accuracy".
using EpochLog = std::map<std::string, double>;

enum class MonitorMode { automatic, min, max };

struct EarlyStoppingOptions {
  std::string monitor = "val_loss";
  double min_delta = 0.0;  // its sign is ignored; the mode gives the direction
  int patience = 0;
  MonitorMode mode = MonitorMode::automatic;
  std::optional<double> baseline;
  bool restore_best_weights = false;
  int start_from_epoch = 0;  // epochs of warm-up that are not monitored
};

// "auto", "min" or "max" (Keras' spelling); anything else is a ConfigError.
CNNLAB_API MonitorMode monitor_mode(const std::string& name);
CNNLAB_API std::string monitor_mode_name(MonitorMode mode);  // the inverse

// Everything EarlyStopping remembers between epochs: what a checkpoint keeps.
struct EarlyStoppingState {
  double best = 0.0;
  int wait = 0;
  int best_epoch = 0;
  int stopped_epoch = 0;
  bool have_best_weights = false;
};

struct EarlyStoppingDecision {
  // This epoch is now best_epoch(): a caller that restores best weights copies them now.
  bool new_best = false;
  bool stop = false;
  // "loss" or "val_loss" is NaN or infinite: stop and report the fold as diverged.
  bool diverged = false;
};

// Keras' EarlyStopping callback as a pure state machine, fed one epoch's metrics at a time.
// It follows EarlyStopping of tf_keras/callbacks.py (tf.keras 2.15+) and of Keras 3, which
// agree, step by step:
// - mode auto maximises a monitor whose name ends in "acc", "accuracy" or "auc" and minimises
//   anything else (Keras 3 asks the metric object instead: same answer for loss and accuracy);
// - the best value starts at +-infinity, never at the baseline; an epoch improves when
//   current - min_delta beats the best (current + min_delta in min mode);
// - every monitored epoch increments `wait`; an improvement resets it to 0 only when it also
//   beats the baseline, and an improving epoch never stops training; any other epoch stops it
//   once wait >= patience, though never the very first epoch;
// - epochs up to start_from_epoch are not monitored at all;
// - with restore_best_weights the first monitored epoch counts as best even if it did not
//   improve (Keras takes the weights "if best weights were never set").
// Restoring: these versions restore the best weights at the end of training whenever they have
// them, whether or not training stopped early (tf.keras 2.11 and older restored only on an
// early stop). cnnlab does the same; the Trainer does the copying.
// A monitor missing from the log is a ConfigError listing the logged names (Keras only warns
// and never stops, which silently disables early stopping).
class CNNLAB_API EarlyStopping {
 public:
  explicit EarlyStopping(EarlyStoppingOptions options);

  // `epoch` is 1-based and increases by one per call.
  EarlyStoppingDecision on_epoch_end(int epoch, const EpochLog& metrics);

  const EarlyStoppingOptions& options() const { return options_; }
  bool maximizes() const { return maximize_; }
  // 1-based; 0 while no epoch has been monitored.
  int best_epoch() const { return best_epoch_; }
  // 1-based epoch at which patience ran out; 0 when it has not.
  int stopped_epoch() const { return stopped_epoch_; }
  double best_value() const { return best_; }
  int wait() const { return wait_; }

  EarlyStoppingState state() const;
  // Continues from a state() of an EarlyStopping with the same options.
  void restore(const EarlyStoppingState& state);

 private:
  bool is_improvement(double current, double reference) const;

  EarlyStoppingOptions options_;
  bool maximize_;
  double signed_min_delta_;
  double best_;
  int wait_ = 0;
  int best_epoch_ = 0;
  int stopped_epoch_ = 0;
  bool have_best_weights_ = false;
};

}  // namespace cnnlab
