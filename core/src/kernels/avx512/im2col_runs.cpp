// im2col and col2im_add with AVX-512 runs. Compiled with -mavx512f: see im2col_loops.hpp for
// why nothing here may have external linkage but the two entry points.
#include "im2col_runs.hpp"

#include <immintrin.h>

#include "../im2col_loops.hpp"

namespace cnnlab::kernels_detail::avx512 {

namespace {

// Runs are short in the first layer of a network (k_w * channels = 5 or 15 floats): a call to
// memcpy would cost more than the copy, and a scalar loop one step per float. With AVX-512 a
// run of up to 16 floats is one masked load (masked-off lanes read as zero and never fault)
// and one full store. im2col writes its runs in increasing address order, each starting where
// the previous one ended, so a full store "spills" zeros only onto floats that the next run
// overwrites (or, after the last run, into the kColumnSlack floats past the matrix): much
// cheaper than a masked store, which often straddles two cache lines.
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

struct Avx512Runs {
  static void copy(float* dst, const float* src, int64_t n) { copy_run_spilling(dst, src, n); }
  static void zero(float* dst, int64_t n) { zero_run_spilling(dst, n); }
  static void add(float* dst, const float* src, int64_t n) { add_run(dst, src, n); }
};

}  // namespace

void im2col(const Window2d& w, int64_t channels, const float* image, float* columns) {
  im2col_with<Avx512Runs>(w, channels, image, columns);
}

void col2im_add(const Window2d& w, int64_t channels, const float* columns, float* image) {
  col2im_add_with<Avx512Runs>(w, channels, columns, image);
}

}  // namespace cnnlab::kernels_detail::avx512
