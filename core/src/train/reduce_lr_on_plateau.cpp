#include <algorithm>
#include <limits>
#include <utility>

#include "cnnlab/error.hpp"
#include "cnnlab/host/lr_schedule.hpp"

namespace cnnlab {

namespace {

bool maximizes(const ReduceLrOnPlateauOptions& o) {
  if (o.mode != MonitorMode::automatic) return o.mode == MonitorMode::max;
  return o.monitor.find("acc") != std::string::npos;
}

double monitored(const EpochLog& metrics, const std::string& monitor) {
  const auto found = metrics.find(monitor);
  if (found != metrics.end()) return found->second;
  std::string logged;
  for (const auto& entry : metrics) logged += (logged.empty() ? "" : ", ") + entry.first;
  throw ConfigError("reduce_lr_on_plateau: monitor '" + monitor +
                    "' is not a logged metric (logged: " + logged + ")");
}

}  // namespace

ReduceLrOnPlateau::ReduceLrOnPlateau(ReduceLrOnPlateauOptions options)
    : options_(std::move(options)), maximize_(maximizes(options_)) {
  state_.best = maximize_ ? -std::numeric_limits<double>::infinity()
                          : std::numeric_limits<double>::infinity();
}

bool ReduceLrOnPlateau::improves(double current) const {
  return maximize_ ? current > state_.best + options_.min_delta
                   : current < state_.best - options_.min_delta;
}

double ReduceLrOnPlateau::on_epoch_end(double learning_rate, const EpochLog& metrics) {
  const double current = monitored(metrics, options_.monitor);
  if (state_.cooldown_counter > 0) {
    --state_.cooldown_counter;
    state_.wait = 0;
  }
  if (improves(current)) {
    state_.best = current;
    state_.wait = 0;
    return learning_rate;
  }
  if (state_.cooldown_counter > 0) return learning_rate;
  if (++state_.wait < options_.patience) return learning_rate;
  // Keras compares with min_lr as a float32.
  if (!(learning_rate > static_cast<float>(options_.min_lr))) return learning_rate;
  state_.cooldown_counter = options_.cooldown;
  state_.wait = 0;
  return std::max(learning_rate * options_.factor, options_.min_lr);
}

}  // namespace cnnlab
