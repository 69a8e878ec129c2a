#pragma once
// The labelling pace shown in the window: decisions (label, skip, reject) per minute over the
// last few minutes, and the time the remaining images will take at that pace.
#include <deque>
#include <optional>
#include <string>

namespace cnnlab::label {

class RateMeter {
 public:
  explicit RateMeter(double window_seconds = 300);
  void record(double now_seconds);
  // nullopt until two decisions at different times fall in the window.
  std::optional<double> per_minute() const;
  std::optional<double> eta_seconds(int remaining) const;

 private:
  double window_;
  std::deque<double> times_;
};

// "42s", "6m 12s", "2h 05m".
std::string format_duration(double seconds);

}  // namespace cnnlab::label
