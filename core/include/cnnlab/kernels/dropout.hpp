#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Inverted dropout (Keras): element i is kept with probability 1 - rate and then scaled by
// 1 / (1 - rate), else zeroed. Its keep/drop draw is value i of the SplitMix64 stream seeded
// with `seed` (counter-based: it depends only on (seed, i), never on threads), so backward
// recomputes the mask from the same seed. x and y may be the same array.
CNNLAB_API void dropout_forward(int64_t n, float rate, uint64_t seed, const float* x, float* y);
CNNLAB_API void dropout_backward(int64_t n, float rate, uint64_t seed, const float* dy, float* dx);

}  // namespace cnnlab
