#include "labeler/rate_meter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cnnlab::label {

RateMeter::RateMeter(double window_seconds) : window_(window_seconds) {}

void RateMeter::record(double now_seconds) {
  times_.push_back(now_seconds);
  while (!times_.empty() && times_.front() < now_seconds - window_) times_.pop_front();
}

std::optional<double> RateMeter::per_minute() const {
  if (times_.size() < 2 || times_.back() <= times_.front()) return std::nullopt;
  return 60.0 * static_cast<double>(times_.size() - 1) / (times_.back() - times_.front());
}

std::optional<double> RateMeter::eta_seconds(int remaining) const {
  const auto rate = per_minute();
  if (!rate) return std::nullopt;
  return 60.0 * remaining / *rate;
}

std::string format_duration(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  char text[32];
  if (total < 60)
    std::snprintf(text, sizeof text, "%lds", total);
  else if (total < 3600)
    std::snprintf(text, sizeof text, "%ldm %02lds", total / 60, total % 60);
  else
    std::snprintf(text, sizeof text, "%ldh %02ldm", total / 3600, (total % 3600) / 60);
  return text;
}

}  // namespace cnnlab::label
