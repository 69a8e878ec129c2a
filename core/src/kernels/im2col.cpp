#include "im2col.hpp"

#include <algorithm>
#include <cstring>

namespace cnnlab::kernels_detail {

namespace {
// The kernel columns kx in [first, last) whose input column lies inside the image.
struct ValidRange {
  int64_t first, last;
};

ValidRange valid_taps(int64_t origin, int64_t k, int64_t size) {
  return {std::clamp<int64_t>(-origin, 0, k), std::clamp<int64_t>(size - origin, 0, k)};
}
}  // namespace

// For one output pixel and one kernel row, the taps that fall inside the image are adjacent
// pixels of one input row: a single contiguous run of (last - first) * channels floats.
void im2col(const Window2d& w, int64_t channels, const float* image, float* columns) {
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
          std::memset(out, 0, row_len * sizeof(float));
          continue;
        }
        if (cols.first > 0) std::memset(out, 0, cols.first * channels * sizeof(float));
        std::memcpy(out + cols.first * channels,
                    image + (iy * w.in_w + ix0 + cols.first) * channels,
                    (cols.last - cols.first) * channels * sizeof(float));
        if (cols.last < w.k_w)
          std::memset(out + cols.last * channels, 0, (w.k_w - cols.last) * channels * sizeof(float));
      }
    }
  }
}

void col2im_add(const Window2d& w, int64_t channels, const float* columns, float* image) {
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
        float* dst = image + (iy * w.in_w + ix0 + cols.first) * channels;
        const float* src = in + cols.first * channels;
        for (int64_t i = 0; i < count; ++i) dst[i] += src[i];
      }
    }
  }
}

}  // namespace cnnlab::kernels_detail
