#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"
#include "cnnlab/kernels/activation.hpp"
#include "cnnlab/kernels/window.hpp"

namespace cnnlab {

// A batch of 2-D convolutions (cross-correlations, as in Keras) on NHWC images:
//   x  {batch, window.in_h, window.in_w, in_channels}
//   w  {window.k_h, window.k_w, in_channels, out_channels}   (Keras' HWIO kernel)
//   y  {batch, window.out_h, window.out_w, out_channels}
struct Conv2dShape {
  int64_t batch = 0;
  int64_t in_channels = 0;
  int64_t out_channels = 0;
  Window2d window;
};

// y = f(conv(x, w) + bias). bias may be null (no bias).
CNNLAB_API void conv2d_forward(const Conv2dShape& s, const float* x, const float* w,
                               const float* bias, Activation f, float* y);

// dx = dL/dx given dy = dL/dy of the convolution's output (before any activation).
CNNLAB_API void conv2d_backward_data(const Conv2dShape& s, const float* dy, const float* w,
                                     float* dx);

// dw = dL/dw and dbias = dL/dbias summed over the batch (dbias may be null). Overwrites both.
// Partial sums over fixed groups of images are added in group order, so the result is the
// same for every thread count.
CNNLAB_API void conv2d_backward_weights(const Conv2dShape& s, const float* x, const float* dy,
                                        float* dw, float* dbias);

}  // namespace cnnlab
