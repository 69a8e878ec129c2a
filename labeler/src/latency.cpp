#include "labeler/latency.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cnnlab::label {

void LatencyStats::add(double milliseconds, bool prefetched) {
  samples_.push_back(milliseconds);
  if (prefetched) ++prefetched_;
}

double LatencyStats::percentile(double p) const {
  if (samples_.empty()) return 0;
  std::vector<double> sorted = samples_;
  std::sort(sorted.begin(), sorted.end());
  const double rank =
      std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

std::string LatencyStats::summary() const {
  char text[200];
  std::snprintf(
      text, sizeof text,
      "%zu frames, key-to-frame median %.1f ms, p95 %.1f ms, max %.1f ms, %zu of %zu prefetched",
      samples_.size(), percentile(50), percentile(95), percentile(100), prefetched_,
      samples_.size());
  return text;
}

}  // namespace cnnlab::label
