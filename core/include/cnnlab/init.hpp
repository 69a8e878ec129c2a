#pragma once
// Keras' weight initialisers, drawn from a layer's `init` generator in element order, so the
// experiment's seed fixes every weight. fan_in and fan_out are what Keras uses: for a dense
// kernel the input and output features, for a convolution kernel the window area times the
// input and output channels.
#include <cstdint>

#include "cnnlab/export.hpp"
#include "cnnlab/random.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// glorot_uniform (Keras' default): U(-l, l) with l = sqrt(6 / (fan_in + fan_out)).
CNNLAB_API void glorot_uniform(Tensor& t, int64_t fan_in, int64_t fan_out, Rng& rng);
// glorot_normal: a normal truncated at two of its stddevs, of variance 2 / (fan_in + fan_out).
CNNLAB_API void glorot_normal(Tensor& t, int64_t fan_in, int64_t fan_out, Rng& rng);
// he_uniform: U(-l, l) with l = sqrt(6 / fan_in), for layers followed by relu.
CNNLAB_API void he_uniform(Tensor& t, int64_t fan_in, Rng& rng);
// he_normal: a normal truncated at two of its stddevs, of variance 2 / fan_in.
CNNLAB_API void he_normal(Tensor& t, int64_t fan_in, Rng& rng);

}  // namespace cnnlab
