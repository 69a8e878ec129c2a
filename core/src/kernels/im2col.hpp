#pragma once
#include <cstdint>

#include "cnnlab/kernels/window.hpp"

namespace cnnlab::kernels_detail {

// The column matrix of one NHWC image for a convolution window: one row per output pixel
// (oy, ox), holding the k_h x k_w x channels input values under the window in HWC order
// (zeros for padding), so that conv = columns x kernel (HWIO viewed as {k_h*k_w*C, F}).
// `image` is {in_h, in_w, channels}; `columns` is {out_h * out_w, k_h * k_w * channels}
// followed by kColumnSlack floats that im2col may overwrite (it stores whole vectors).
constexpr int64_t kColumnSlack = 16;
void im2col(const Window2d& w, int64_t channels, const float* image, float* columns);

// The transpose: adds every column entry back onto the image position it came from.
// `image` must be initialised (usually zeroed) by the caller.
void col2im_add(const Window2d& w, int64_t channels, const float* columns, float* image);

}  // namespace cnnlab::kernels_detail
