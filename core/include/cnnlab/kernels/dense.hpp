#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"
#include "cnnlab/kernels/activation.hpp"

namespace cnnlab {

// A fully connected layer on row vectors: x {rows, in}, w {in, out} (Keras' kernel),
// bias {out}, y {rows, out}.
struct DenseShape {
  int64_t rows = 0;
  int64_t in = 0;
  int64_t out = 0;
};

// y = f(x w + bias); bias may be null.
CNNLAB_API void dense_forward(const DenseShape& s, const float* x, const float* w,
                              const float* bias, Activation f, float* y);
// dx = dy w^T, dy being dL/d(x w + bias).
CNNLAB_API void dense_backward_data(const DenseShape& s, const float* dy, const float* w,
                                    float* dx);
// dw = x^T dy and dbias = column sums of dy (may be null), summed over the rows. Overwrites.
CNNLAB_API void dense_backward_weights(const DenseShape& s, const float* x, const float* dy,
                                       float* dw, float* dbias);

}  // namespace cnnlab
