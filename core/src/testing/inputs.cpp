#include "cnnlab/testing/inputs.hpp"

#include <numeric>
#include <utility>
#include <vector>

#include "cnnlab/layer_utils.hpp"
#include "cnnlab/random.hpp"

namespace cnnlab::testing {

Tensor random_input(int64_t batch, const Shape& shape, uint64_t seed, double lo, double hi) {
  Tensor t(batch_dims(batch, shape));
  Rng rng(seed);
  for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<float>(rng.uniform(lo, hi));
  return t;
}

Tensor distinct_input(int64_t batch, const Shape& shape, uint64_t seed) {
  Tensor t(batch_dims(batch, shape));
  std::vector<size_t> order(t.size());
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  for (size_t i = 0; i < t.size(); ++i) t[order[i]] = static_cast<float>(0.05 * double(i) - 1.0);
  return t;
}

Tensor input_away_from_zero(int64_t batch, const Shape& shape, uint64_t seed, double margin) {
  Tensor t = random_input(batch, shape, seed, margin, 1.0);
  Rng rng(seed + 1);
  for (size_t i = 0; i < t.size(); ++i)
    if (rng.below(2)) t[i] = -t[i];
  return t;
}

}  // namespace cnnlab::testing
