#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Keras' activation functions. Softmax normalises each row (the last axis). With Keras 3's
// defaults: leaky_relu has negative_slope 0.2, elu alpha 1, gelu is the exact
// x * Phi(x) (approximate=False), swish is x * sigmoid(x).
enum class Activation { linear, relu, sigmoid, tanh, softmax, leaky_relu, elu, gelu, swish };

constexpr float kLeakyReluSlope = 0.2f;
constexpr float kEluAlpha = 1.0f;

// gelu and swish: their derivative needs the input, not only the output.
constexpr bool activation_needs_input(Activation f) {
  return f == Activation::gelu || f == Activation::swish;
}

// y = f(x) on a rows x cols array; x and y may be the same array.
CNNLAB_API void activation_forward(Activation f, int64_t rows, int64_t cols, const float* x,
                                   float* y);

// dx = dL/dx from the forward's output y and dy = dL/dy, for every function whose derivative
// is expressible through its output (all but activation_needs_input). dy and dx may be the
// same array.
CNNLAB_API void activation_backward(Activation f, int64_t rows, int64_t cols, const float* y,
                                    const float* dy, float* dx);

// dx = dL/dx from the forward's input x and dy = dL/dy on n elements, for gelu and swish
// (an Error for the others). dy and dx may be the same array.
CNNLAB_API void activation_backward_from_input(Activation f, int64_t n, const float* x,
                                               const float* dy, float* dx);

// The same on rows [row_begin, row_end) only, without threading: for kernels that apply an
// activation to the block they just computed while it is still in cache.
CNNLAB_API void activation_forward_rows(Activation f, int64_t row_begin, int64_t row_end,
                                        int64_t cols, const float* x, float* y);

}  // namespace cnnlab
