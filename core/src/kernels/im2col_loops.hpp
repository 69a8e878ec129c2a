#pragma once
// The loops of im2col and col2im_add (im2col.hpp) over the contiguous runs of an image that
// one window row covers, written once and compiled per instruction set: `Runs` provides
// copy(dst, src, n), zero(dst, n) and add(dst, src, n) for that set (im2col.cpp, and
// avx512/im2col_runs.cpp compiled with -mavx512f).
//
// Deliberately in an unnamed namespace and free of std:: templates: each instantiation must
// have internal linkage, or the AVX-512 file could leave the linker an AVX-512 copy of shared
// inline code to use everywhere (see avx512/direct_blocks.cpp).
#include <cstdint>

#include "cnnlab/kernels/window.hpp"

namespace cnnlab::kernels_detail {
namespace {

// The kernel columns kx in [first, last) whose input column lies inside the image.
struct ValidRange {
  int64_t first, last;
};

inline int64_t clamp_to(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

inline ValidRange valid_taps(int64_t origin, int64_t k, int64_t size) {
  return {clamp_to(-origin, 0, k), clamp_to(size - origin, 0, k)};
}

// For one output pixel and one kernel row, the taps that fall inside the image are adjacent
// pixels of one input row: a single contiguous run of (last - first) * channels floats.
template <class Runs>
void im2col_with(const Window2d& w, int64_t channels, const float* image, float* columns) {
  const int64_t row_len = w.k_w * channels;
  float* out = columns;
  for (int64_t oy = 0; oy < w.out_h; ++oy) {
    const int64_t iy0 = oy * w.stride_h - w.pad_top;
    for (int64_t ox = 0; ox < w.out_w; ++ox) {
      const int64_t ix0 = ox * w.stride_w - w.pad_left;
      const ValidRange cols = valid_taps(ix0, w.k_w, w.in_w);
      for (int64_t ky = 0; ky < w.k_h; ++ky, out += row_len) {
        const int64_t iy = iy0 + ky;
        if (iy < 0 || iy >= w.in_h || cols.first >= cols.last) {
          Runs::zero(out, row_len);
          continue;
        }
        Runs::zero(out, cols.first * channels);
        Runs::copy(out + cols.first * channels, image + (iy * w.in_w + ix0 + cols.first) * channels,
                   (cols.last - cols.first) * channels);
        Runs::zero(out + cols.last * channels, (w.k_w - cols.last) * channels);
      }
    }
  }
}

template <class Runs>
void col2im_add_with(const Window2d& w, int64_t channels, const float* columns, float* image) {
  const int64_t row_len = w.k_w * channels;
  const float* in = columns;
  for (int64_t oy = 0; oy < w.out_h; ++oy) {
    const int64_t iy0 = oy * w.stride_h - w.pad_top;
    for (int64_t ox = 0; ox < w.out_w; ++ox) {
      const int64_t ix0 = ox * w.stride_w - w.pad_left;
      const ValidRange cols = valid_taps(ix0, w.k_w, w.in_w);
      for (int64_t ky = 0; ky < w.k_h; ++ky, in += row_len) {
        const int64_t iy = iy0 + ky;
        const int64_t count = (cols.last - cols.first) * channels;
        if (iy < 0 || iy >= w.in_h || count <= 0) continue;
        Runs::add(image + (iy * w.in_w + ix0 + cols.first) * channels, in + cols.first * channels,
                  count);
      }
    }
  }
}

}  // namespace
}  // namespace cnnlab::kernels_detail
