#include "cnnlab/init.hpp"

#include <cmath>

namespace cnnlab {

namespace {

void uniform(Tensor& t, double limit, Rng& rng) {
  for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<float>(rng.uniform(-limit, limit));
}

// Keras' VarianceScaling: draws beyond two stddevs are redrawn, and the stddev is divided by
// the stddev of a unit normal truncated that way, so the result has the variance asked for.
void truncated_normal(Tensor& t, double variance, Rng& rng) {
  constexpr double kTruncatedUnitStddev = 0.87962566103423978;
  const double stddev = std::sqrt(variance) / kTruncatedUnitStddev;
  for (size_t i = 0; i < t.size(); ++i) {
    double z = rng.normal();
    while (std::abs(z) > 2.0) z = rng.normal();
    t[i] = static_cast<float>(z * stddev);
  }
}

}  // namespace

void glorot_uniform(Tensor& t, int64_t fan_in, int64_t fan_out, Rng& rng) {
  uniform(t, std::sqrt(6.0 / static_cast<double>(fan_in + fan_out)), rng);
}

void glorot_normal(Tensor& t, int64_t fan_in, int64_t fan_out, Rng& rng) {
  truncated_normal(t, 2.0 / static_cast<double>(fan_in + fan_out), rng);
}

void he_uniform(Tensor& t, int64_t fan_in, Rng& rng) {
  uniform(t, std::sqrt(6.0 / static_cast<double>(fan_in)), rng);
}

void he_normal(Tensor& t, int64_t fan_in, Rng& rng) {
  truncated_normal(t, 2.0 / static_cast<double>(fan_in), rng);
}

}  // namespace cnnlab
