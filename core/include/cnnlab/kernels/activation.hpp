#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Keras' activation functions. Softmax normalises each row (the last axis).
enum class Activation { linear, relu, sigmoid, tanh, softmax };

// y = f(x) on a rows x cols array; x and y may be the same array.
CNNLAB_API void activation_forward(Activation f, int64_t rows, int64_t cols, const float* x,
                                   float* y);

// dx = dL/dx from the forward's output y and dy = dL/dy (every function here has a derivative
// expressible through its output). dy and dx may be the same array.
CNNLAB_API void activation_backward(Activation f, int64_t rows, int64_t cols, const float* y,
                                    const float* dy, float* dx);

// The same on rows [row_begin, row_end) only, without threading: for kernels that apply an
// activation to the block they just computed while it is still in cache.
CNNLAB_API void activation_forward_rows(Activation f, int64_t row_begin, int64_t row_end,
                                        int64_t cols, const float* x, float* y);

}  // namespace cnnlab
