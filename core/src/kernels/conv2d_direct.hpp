#pragma once
#include <cstdint>

#include "cnnlab/kernels/conv2d.hpp"

// Direct convolution for layers with narrow kernel rows (a network's first layer: 1 or 3
// input channels), where unfolding the images would cost more than the multiplications it
// feeds. Register-blocked AVX-512: 8 output pixels x 32 filters of accumulators, one
// broadcast input value and two filter vectors per tap. Each image is first copied into a
// zero-bordered scratch image so that no tap needs a bounds check.
//
// Call only when cpu_has_avx512(); elsewhere callers unfold with im2col.

namespace cnnlab::kernels_detail {

// y rows of images [b0, b1) = conv(x, w) without bias or activation.
void direct_conv_forward(const Conv2dShape& s, const float* x, const float* w, int64_t b0,
                         int64_t b1, float* y);

// dw += the kernel gradient of images [b0, b1) (dy of the convolution's output).
void direct_conv_weight_gradient(const Conv2dShape& s, const float* x, const float* dy, int64_t b0,
                                 int64_t b1, float* dw);

}  // namespace cnnlab::kernels_detail
