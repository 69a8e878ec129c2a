#include "im2col.hpp"

#include <algorithm>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace cnnlab::kernels_detail {

namespace {
// The kernel columns kx in [first, last) whose input column lies inside the image.
struct ValidRange {
  int64_t first, last;
};

ValidRange valid_taps(int64_t origin, int64_t k, int64_t size) {
  return {std::clamp<int64_t>(-origin, 0, k), std::clamp<int64_t>(size - origin, 0, k)};
}

// Runs are short in the first layer of a network (k_w * channels = 5 or 15 floats): a call to
// memcpy would cost more than the copy, and a scalar loop one step per float. With AVX-512 a
// run of up to 16 floats is one masked load (masked-off lanes read as zero and never fault)
// and one full store. im2col writes its runs in increasing address order, each starting where
// the previous one ended, so a full store "spills" zeros only onto floats that the next run
// overwrites (or, after the last run, into the kColumnSlack floats past the matrix): much
// cheaper than a masked store, which often straddles two cache lines.
#if defined(__AVX512F__)
inline __mmask16 first_lanes(int64_t n) { return static_cast<__mmask16>((1u << n) - 1u); }

inline void copy_run_spilling(float* dst, const float* src, int64_t n) {
  for (; n >= 16; n -= 16, dst += 16, src += 16) _mm512_storeu_ps(dst, _mm512_loadu_ps(src));
  if (n > 0) _mm512_storeu_ps(dst, _mm512_maskz_loadu_ps(first_lanes(n), src));
}
inline void zero_run_spilling(float* dst, int64_t n) {
  for (; n > 0; n -= 16, dst += 16) _mm512_storeu_ps(dst, _mm512_setzero_ps());
}
inline void add_run(float* dst, const float* src, int64_t n) {
  for (; n >= 16; n -= 16, dst += 16, src += 16)
    _mm512_storeu_ps(dst, _mm512_add_ps(_mm512_loadu_ps(dst), _mm512_loadu_ps(src)));
  if (n > 0) {
    const __mmask16 m = first_lanes(n);
    _mm512_mask_storeu_ps(
        dst, m, _mm512_add_ps(_mm512_maskz_loadu_ps(m, dst), _mm512_maskz_loadu_ps(m, src)));
  }
}
#else
inline void copy_run_spilling(float* dst, const float* src, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
}
inline void zero_run_spilling(float* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = 0.0f;
}
inline void add_run(float* dst, const float* src, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] += src[i];
}
#endif
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
          zero_run_spilling(out, row_len);
          continue;
        }
        zero_run_spilling(out, cols.first * channels);
        copy_run_spilling(out + cols.first * channels,
                          image + (iy * w.in_w + ix0 + cols.first) * channels,
                          (cols.last - cols.first) * channels);
        zero_run_spilling(out + cols.last * channels, (w.k_w - cols.last) * channels);
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
        add_run(image + (iy * w.in_w + ix0 + cols.first) * channels, in + cols.first * channels,
                count);
      }
    }
  }
}

}  // namespace cnnlab::kernels_detail
