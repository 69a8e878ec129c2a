#pragma once
#include <cstdint>

// The register-blocked inner loops of the direct convolution (conv2d_direct.hpp), compiled
// for AVX-512F. Call them only when cpu_has_avx512().
//
// `image` is a zero-bordered copy of one image in which every tap of every output pixel lies;
// `origins[q]` is output pixel q's window origin in it (in floats) and `offsets[t]` tap t's
// offset from an origin, in HWIO kernel order. Weights and gradients are {taps, filters}
// row-major; a call handles the `group` (1..32) filters starting at the pointers given.
namespace cnnlab::kernels_detail::avx512 {

// out[q * filters + f] = sum over taps t of image[origins[q] + offsets[t]] * w[t * filters + f],
// for every pixel q < pixels.
void direct_forward_group(const float* image, const int64_t* origins, int64_t pixels,
                          const int64_t* offsets, int64_t taps, const float* w, int64_t filters,
                          int64_t group, float* out);

// dw[t * filters + f] += sum over pixels q of image[origins[q] + offsets[t]] *
// dy[q * filters + f], for every tap t < taps.
void direct_weight_group(const float* image, const int64_t* origins, int64_t pixels,
                         const int64_t* offsets, int64_t taps, const float* dy, int64_t filters,
                         int64_t group, float* dw);

}  // namespace cnnlab::kernels_detail::avx512
