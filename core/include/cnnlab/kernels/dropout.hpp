#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Inverted dropout (Keras): element i is kept when hash_to_unit(hash64(seed, i)) >= rate and
// then scaled by 1 / (1 - rate), else zeroed. The mask depends only on (seed, i), never on
// threads, so backward recomputes it from the same seed. x and y may be the same array.
CNNLAB_API void dropout_forward(int64_t n, float rate, uint64_t seed, const float* x, float* y);
CNNLAB_API void dropout_backward(int64_t n, float rate, uint64_t seed, const float* dy,
                                 float* dx);

}  // namespace cnnlab
