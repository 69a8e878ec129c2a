#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"
#include "cnnlab/kernels/activation.hpp"
#include "cnnlab/kernels/window.hpp"

namespace cnnlab {

// Keras' DepthwiseConv2D on NHWC images: each input channel c is convolved with its own
// `multiplier` filters, output channel c * multiplier + j:
//   x  {batch, window.in_h, window.in_w, channels}
//   w  {window.k_h, window.k_w, channels, multiplier}   (Keras' depthwise_kernel)
//   y  {batch, window.out_h, window.out_w, channels * multiplier}
// Direct loops with the channels innermost (contiguous in NHWC and in w, so they vectorise);
// images run in parallel.
struct DepthwiseConv2dShape {
  int64_t batch = 0;
  int64_t channels = 0;
  int64_t multiplier = 1;
  Window2d window;
};

// y = f(depthwise(x, w) + bias); bias may be null.
CNNLAB_API void depthwise_conv2d_forward(const DepthwiseConv2dShape& s, const float* x,
                                         const float* w, const float* bias, Activation f, float* y);
// dx (overwritten) = dL/dx given dy of the convolution's output (before any activation).
CNNLAB_API void depthwise_conv2d_backward_data(const DepthwiseConv2dShape& s, const float* dy,
                                               const float* w, float* dx);
// dw and dbias (may be null) summed over the batch, overwritten: partial sums over fixed groups
// of images added in group order, so the result is the same for every thread count.
CNNLAB_API void depthwise_conv2d_backward_weights(const DepthwiseConv2dShape& s, const float* x,
                                                  const float* dy, float* dw, float* dbias);

}  // namespace cnnlab
