#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"
#include "cnnlab/kernels/window.hpp"

namespace cnnlab {

// 2-D pooling on NHWC images, per channel: x {batch, in_h, in_w, channels},
// y {batch, out_h, out_w, channels}. Padding positions never take part (TensorFlow's rule:
// max ignores them, the average divides by the number of real pixels under the window).
struct Pool2dShape {
  int64_t batch = 0;
  int64_t channels = 0;
  Window2d window;
};

// argmax (may be null) receives, per output element, the index within its image
// ((iy * in_w + ix) * channels + c) of the first maximum: what backward routes gradients to.
CNNLAB_API void maxpool2d_forward(const Pool2dShape& s, const float* x, float* y, int32_t* argmax);
// dx (overwritten) gets each dy added at its argmax.
CNNLAB_API void maxpool2d_backward(const Pool2dShape& s, const int32_t* argmax, const float* dy,
                                   float* dx);

CNNLAB_API void avgpool2d_forward(const Pool2dShape& s, const float* x, float* y);
// dx (overwritten) = each dy spread evenly over the real pixels of its window.
CNNLAB_API void avgpool2d_backward(const Pool2dShape& s, const float* dy, float* dx);

}  // namespace cnnlab
