#pragma once
// The learning rate of each epoch: a schedule (a function of the epoch) or Keras'
// ReduceLROnPlateau (a state machine fed the epoch's metrics). The trainer hands the rate to
// the optimizer through Optimizer::set_learning_rate before the epoch's first batch, so plugin
// optimizers follow it too. Rates change between epochs, never within one.
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/early_stopping.hpp"

namespace cnnlab {

enum class LrScheduleKind { step, piecewise, exponential, cosine, one_cycle };

// `base` below is the optimizer's configured learning_rate. Epochs are 1-based; e0 = epoch - 1
// is the number of epochs done before it.
struct LrScheduleOptions {
  LrScheduleKind kind = LrScheduleKind::cosine;
  int epochs = 1;  // the training's epochs (cosine and one_cycle span them)
  // step:        base * gamma^floor(e0 / step_size)                      (PyTorch's StepLR)
  int step_size = 1;
  double gamma = 0.1;
  // piecewise:   values[i] for the first i with e0 < boundaries[i], the last value after all
  //              (Keras' PiecewiseConstantDecay counted in epochs)
  std::vector<int> boundaries;
  std::vector<double> values;
  // exponential: base * decay_rate^(e0 / decay_epochs), floor()ed with staircase
  //              (Keras' ExponentialDecay counted in epochs)
  double decay_rate = 0.96;
  int decay_epochs = 1;
  bool staircase = false;
  // cosine:      epochs 1..warmup_epochs rise linearly, base * epoch / (warmup_epochs + 1)
  //              (so even one warm-up epoch runs below base); then
  //              with t = e0 - warmup_epochs and T = epochs - warmup_epochs,
  //              base * (alpha + (1 - alpha) * (1 + cos(pi * t / T)) / 2)   (Keras' CosineDecay)
  int warmup_epochs = 0;
  double alpha = 0.0;
  // one_cycle:   PyTorch's OneCycleLR (cosine annealing, two phases) with one step per epoch:
  //              from max_lr / div_factor up to max_lr over the first pct_start of the epochs,
  //              then down to max_lr / (div_factor * final_div_factor). max_lr is `base`.
  double pct_start = 0.3;
  double div_factor = 25.0;
  double final_div_factor = 1e4;
};

// The rate of `epoch` (1-based) for a base rate.
CNNLAB_API double scheduled_learning_rate(const LrScheduleOptions& schedule, double base,
                                          int epoch);

struct ReduceLrOnPlateauOptions {
  std::string monitor = "val_loss";
  double factor = 0.1;  // in (0, 1)
  int patience = 10;
  MonitorMode mode = MonitorMode::automatic;
  double min_delta = 1e-4;
  int cooldown = 0;
  double min_lr = 0.0;
};

// What ReduceLrOnPlateau carries between epochs besides the rate: what a checkpoint keeps.
struct ReduceLrOnPlateauState {
  double best = 0.0;
  int wait = 0;
  int cooldown_counter = 0;
};

// Keras' ReduceLROnPlateau (Keras 3, keras/src/callbacks/reduce_lr_on_plateau.py), step by step
// at each epoch's end: in cooldown the counter decreases and wait is reset; an improvement
// (current < best - min_delta, or > best + min_delta when maximising) becomes the best and
// resets wait; otherwise, outside cooldown, wait grows, and once wait >= patience a rate above
// min_lr becomes max(rate * factor, min_lr), cooldown starts and wait is reset. Mode auto
// maximises a monitor containing "acc". A monitor missing from the log is a ConfigError.
class CNNLAB_API ReduceLrOnPlateau {
 public:
  explicit ReduceLrOnPlateau(ReduceLrOnPlateauOptions options);

  // The rate for the next epoch, given the one used in this epoch and its metrics.
  double on_epoch_end(double learning_rate, const EpochLog& metrics);

  ReduceLrOnPlateauState state() const { return state_; }
  void restore(const ReduceLrOnPlateauState& state) { state_ = state; }

 private:
  bool improves(double current) const;

  ReduceLrOnPlateauOptions options_;
  bool maximize_;
  ReduceLrOnPlateauState state_;
};

}  // namespace cnnlab
