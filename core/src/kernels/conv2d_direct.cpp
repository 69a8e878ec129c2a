#include "conv2d_direct.hpp"

#include <algorithm>
#include <cstring>

#include "avx512/direct_blocks.hpp"
#include "scratch.hpp"

namespace cnnlab::kernels_detail {

namespace {
constexpr int64_t kFilterGroup = 32;  // two AVX-512 vectors of filters

// The zero-bordered copy of one image: every tap of every output pixel lies inside it.
struct PaddedImage {
  int64_t height, width, channels;
  const float* data;
};

PaddedImage pad_image(const Window2d& w, int64_t channels, const float* image) {
  const int64_t height = (w.out_h - 1) * w.stride_h + w.k_h;
  const int64_t width = (w.out_w - 1) * w.stride_w + w.k_w;
  float* padded = thread_scratch<float>(ScratchSlot::padded, height * width * channels);
  std::memset(padded, 0, height * width * channels * sizeof(float));
  // Image pixels past the last window (valid padding, strides) are not needed.
  const int64_t row_pixels = std::min(w.in_w, width - w.pad_left);
  for (int64_t iy = 0; iy < std::min(w.in_h, height - w.pad_top); ++iy)
    std::memcpy(padded + ((iy + w.pad_top) * width + w.pad_left) * channels,
                image + iy * w.in_w * channels, row_pixels * channels * sizeof(float));
  return {height, width, channels, padded};
}

// Offsets (in floats, from a pixel's window origin in the padded image) of every tap, in
// HWIO kernel order (ky, kx, c).
void tap_offsets(const Window2d& w, const PaddedImage& p, int64_t* offsets) {
  int64_t t = 0;
  for (int64_t ky = 0; ky < w.k_h; ++ky)
    for (int64_t kx = 0; kx < w.k_w; ++kx)
      for (int64_t c = 0; c < p.channels; ++c) offsets[t++] = (ky * p.width + kx) * p.channels + c;
}

// Origins (float offsets in the padded image) of every output pixel, row-major.
void pixel_origins(const Window2d& w, const PaddedImage& p, int64_t* origins) {
  int64_t q = 0;
  for (int64_t oy = 0; oy < w.out_h; ++oy)
    for (int64_t ox = 0; ox < w.out_w; ++ox)
      origins[q++] = (oy * w.stride_h * p.width + ox * w.stride_w) * p.channels;
}
}  // namespace

void direct_conv_forward(const Conv2dShape& s, const float* x, const float* w, int64_t b0,
                         int64_t b1, float* y) {
  const Window2d& win = s.window;
  const int64_t C = s.in_channels, F = s.out_channels;
  const int64_t taps = win.k_h * win.k_w * C, pixels = win.out_h * win.out_w;
  int64_t* index = thread_scratch<int64_t>(ScratchSlot::indices, taps + pixels);
  int64_t* offsets = index;
  int64_t* origins = index + taps;
  for (int64_t b = b0; b < b1; ++b) {
    const PaddedImage p = pad_image(win, C, x + b * win.in_h * win.in_w * C);
    tap_offsets(win, p, offsets);
    pixel_origins(win, p, origins);
    float* out = y + b * pixels * F;
    for (int64_t f0 = 0; f0 < F; f0 += kFilterGroup)
      avx512::direct_forward_group(p.data, origins, pixels, offsets, taps, w + f0, F,
                                   std::min(kFilterGroup, F - f0), out + f0);
  }
}

void direct_conv_weight_gradient(const Conv2dShape& s, const float* x, const float* dy, int64_t b0,
                                 int64_t b1, float* dw) {
  const Window2d& win = s.window;
  const int64_t C = s.in_channels, F = s.out_channels;
  const int64_t taps = win.k_h * win.k_w * C, pixels = win.out_h * win.out_w;
  int64_t* index = thread_scratch<int64_t>(ScratchSlot::indices, taps + pixels);
  int64_t* offsets = index;
  int64_t* origins = index + taps;
  for (int64_t b = b0; b < b1; ++b) {
    const PaddedImage p = pad_image(win, C, x + b * win.in_h * win.in_w * C);
    tap_offsets(win, p, offsets);
    pixel_origins(win, p, origins);
    const float* g = dy + b * pixels * F;
    for (int64_t f0 = 0; f0 < F; f0 += kFilterGroup)
      avx512::direct_weight_group(p.data, origins, pixels, offsets, taps, g + f0, F,
                                  std::min(kFilterGroup, F - f0), dw + f0);
  }
}

}  // namespace cnnlab::kernels_detail
