#include "cnnlab/host/lr_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace cnnlab {

namespace {

constexpr double kPi = 3.14159265358979323846;

// From `from` at pct 0 to `to` at pct 1 along half a cosine (PyTorch's _annealing_cos).
double cosine_between(double from, double to, double pct) {
  return to + (from - to) / 2.0 * (1.0 + std::cos(kPi * pct));
}

double piecewise(const LrScheduleOptions& s, int e0) {
  size_t i = 0;
  while (i < s.boundaries.size() && e0 >= s.boundaries[i]) ++i;
  return s.values[std::min(i, s.values.size() - 1)];
}

double cosine(const LrScheduleOptions& s, double base, int epoch) {
  if (epoch <= s.warmup_epochs) return base * epoch / (s.warmup_epochs + 1);
  const double t = epoch - 1 - s.warmup_epochs;
  const double span = std::max(1, s.epochs - s.warmup_epochs);
  return base * (s.alpha + (1.0 - s.alpha) * (1.0 + std::cos(kPi * t / span)) / 2.0);
}

// PyTorch's phases end at step pct_start * total - 1 and at total - 1; a phase of no steps
// (two epochs or fewer) is taken as finished.
double one_cycle(const LrScheduleOptions& s, double max_lr, int e0) {
  const double initial = max_lr / s.div_factor;
  const double final_lr = initial / s.final_div_factor;
  const double rise_end = s.pct_start * s.epochs - 1.0;
  const double fall_end = s.epochs - 1.0;
  if (e0 <= rise_end) return cosine_between(initial, max_lr, rise_end > 0 ? e0 / rise_end : 1.0);
  const double fall = fall_end - rise_end;
  return cosine_between(max_lr, final_lr, fall > 0 ? (e0 - rise_end) / fall : 1.0);
}

}  // namespace

double scheduled_learning_rate(const LrScheduleOptions& s, double base, int epoch) {
  const int e0 = epoch - 1;
  switch (s.kind) {
    case LrScheduleKind::step:
      return base * std::pow(s.gamma, e0 / s.step_size);
    case LrScheduleKind::piecewise:
      return piecewise(s, e0);
    case LrScheduleKind::exponential: {
      const double p = static_cast<double>(e0) / s.decay_epochs;
      return base * std::pow(s.decay_rate, s.staircase ? std::floor(p) : p);
    }
    case LrScheduleKind::cosine:
      return cosine(s, base, epoch);
    case LrScheduleKind::one_cycle:
      return one_cycle(s, base, e0);
  }
  return base;
}

}  // namespace cnnlab
