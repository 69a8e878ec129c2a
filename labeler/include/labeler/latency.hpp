#pragma once
// Key-to-frame latency: from the moment a key is read to the moment its frame is handed to
// the window (or, headless, drawn). Printed by `--stats`.
#include <string>
#include <vector>

namespace cnnlab::label {

class LatencyStats {
 public:
  void add(double milliseconds, bool prefetched);
  size_t count() const { return samples_.size(); }
  // Nearest-rank percentile (p in [0, 100]); 0 without samples.
  double percentile(double p) const;
  // "24 frames, key-to-frame median 3.1 ms, p95 7.9 ms, max 41.0 ms, 22 of 24 prefetched"
  std::string summary() const;

 private:
  std::vector<double> samples_;
  size_t prefetched_ = 0;
};

}  // namespace cnnlab::label
