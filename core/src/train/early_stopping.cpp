#include "cnnlab/host/early_stopping.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "cnnlab/error.hpp"

namespace cnnlab {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool monitor_maximizes(const EarlyStoppingOptions& options) {
  switch (options.mode) {
    case MonitorMode::min:
      return false;
    case MonitorMode::max:
      return true;
    case MonitorMode::automatic:
      break;
  }
  const std::string& m = options.monitor;
  return ends_with(m, "acc") || ends_with(m, "accuracy") || ends_with(m, "auc");
}

bool non_finite(const EpochLog& metrics, const char* name) {
  const auto it = metrics.find(name);
  return it != metrics.end() && !std::isfinite(it->second);
}

}  // namespace

MonitorMode monitor_mode(const std::string& name) {
  if (name == "auto") return MonitorMode::automatic;
  if (name == "min") return MonitorMode::min;
  if (name == "max") return MonitorMode::max;
  throw ConfigError("early_stopping mode must be auto, min or max, got '" + name + "'");
}

std::string monitor_mode_name(MonitorMode mode) {
  switch (mode) {
    case MonitorMode::min:
      return "min";
    case MonitorMode::max:
      return "max";
    case MonitorMode::automatic:
      break;
  }
  return "auto";
}

EarlyStopping::EarlyStopping(EarlyStoppingOptions options)
    : options_(std::move(options)),
      maximize_(monitor_maximizes(options_)),
      signed_min_delta_(maximize_ ? std::fabs(options_.min_delta) : -std::fabs(options_.min_delta)),
      best_(maximize_ ? -std::numeric_limits<double>::infinity()
                      : std::numeric_limits<double>::infinity()) {}

bool EarlyStopping::is_improvement(double current, double reference) const {
  const double shifted = current - signed_min_delta_;
  return maximize_ ? shifted > reference : shifted < reference;
}

EarlyStoppingDecision EarlyStopping::on_epoch_end(int epoch, const EpochLog& metrics) {
  EarlyStoppingDecision decision;
  if (non_finite(metrics, "loss") || non_finite(metrics, "val_loss")) {
    decision.stop = decision.diverged = true;
    return decision;
  }
  const auto found = metrics.find(options_.monitor);
  if (found == metrics.end()) {
    std::string available;
    for (const auto& [name, value] : metrics) available += (available.empty() ? "" : ", ") + name;
    throw ConfigError("early_stopping: monitor '" + options_.monitor +
                      "' is not a logged metric (logged: " + available + ")");
  }
  const double current = found->second;
  // Keras counts epochs from 0; the warm-up covers its epochs 0 .. start_from_epoch - 1.
  if (epoch <= options_.start_from_epoch) return decision;

  if (options_.restore_best_weights && !have_best_weights_) {
    have_best_weights_ = true;
    best_epoch_ = epoch;
    decision.new_best = true;
  }
  ++wait_;
  if (is_improvement(current, best_)) {
    best_ = current;
    best_epoch_ = epoch;
    decision.new_best = true;
    if (!options_.baseline || is_improvement(current, *options_.baseline)) wait_ = 0;
    return decision;
  }
  if (wait_ >= options_.patience && epoch > 1) {
    stopped_epoch_ = epoch;
    decision.stop = true;
  }
  return decision;
}

EarlyStoppingState EarlyStopping::state() const {
  return {best_, wait_, best_epoch_, stopped_epoch_, have_best_weights_};
}

void EarlyStopping::restore(const EarlyStoppingState& state) {
  best_ = state.best;
  wait_ = state.wait;
  best_epoch_ = state.best_epoch;
  stopped_epoch_ = state.stopped_epoch;
  have_best_weights_ = state.have_best_weights;
}

}  // namespace cnnlab
