#pragma once
// Input batches for layer checks. Finite differences need inputs away from a layer's kinks:
// these keep a difference step of 0.01 from crossing one.
#include <cstdint>

#include "cnnlab/export.hpp"
#include "cnnlab/shape.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab::testing {

// A batch of dims {batch, ...shape}, uniform in [lo, hi).
CNNLAB_API Tensor random_input(int64_t batch, const Shape& shape, uint64_t seed, double lo = -1,
                               double hi = 1);
// Values -1, -0.95, -0.9, ... in random order, so no two are closer than 0.05: the step never
// changes which element of a window is the largest (max pooling).
CNNLAB_API Tensor distinct_input(int64_t batch, const Shape& shape, uint64_t seed);
// Values with margin <= |x| < 1 and random signs: a kink at 0 (relu) stays out of reach.
CNNLAB_API Tensor input_away_from_zero(int64_t batch, const Shape& shape, uint64_t seed,
                                       double margin = 0.1);

}  // namespace cnnlab::testing
