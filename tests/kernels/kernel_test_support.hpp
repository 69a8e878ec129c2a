#pragma once
// Random inputs and the comparison with stated tolerance shared by the kernel tests.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "cnnlab/random.hpp"

namespace cnnlab::test {

// n values uniform in [lo, hi), fixed by the seed.
inline std::vector<float> random_values(size_t n, uint64_t seed, double lo = -1.0,
                                        double hi = 1.0) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(rng.uniform(lo, hi));
  return v;
}

// The largest |got - want| / (1 + |want|): a float result of sums of O(1) terms should
// match its double reference to a few ulps per term.
inline double max_relative_error(const std::vector<float>& got, const std::vector<double>& want,
                                 size_t offset = 0) {
  double worst = 0;
  for (size_t i = 0; i < got.size(); ++i)
    worst =
        std::max(worst, std::abs(got[i] - want[offset + i]) / (1.0 + std::abs(want[offset + i])));
  return worst;
}

// Tolerance for float kernels against the double references: far above the float rounding
// of the sums involved (at most a few hundred terms here), far below any indexing mistake.
constexpr double kKernelTolerance = 1e-5;

}  // namespace cnnlab::test
