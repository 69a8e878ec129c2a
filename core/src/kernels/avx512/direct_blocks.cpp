// Compiled with -mavx512f (see core/CMakeLists.txt). Everything but the two entry points has
// internal linkage and nothing here instantiates a template or an inline function from a
// header: an out-of-line copy of one, compiled for AVX-512, could be the copy the linker keeps
// for the whole library and fault on a CPU without it (checked by the kernels' symbol test).
#include "direct_blocks.hpp"

#include <immintrin.h>

namespace cnnlab::kernels_detail::avx512 {

namespace {

// Masks of the first and second filter vector of a group of `n` <= 32 filters.
struct FilterMasks {
  __mmask16 low, high;
  explicit FilterMasks(int64_t n)
      : low(static_cast<__mmask16>(n >= 16 ? 0xFFFF : (1u << n) - 1u)),
        high(static_cast<__mmask16>(n >= 32  ? 0xFFFF
                                    : n > 16 ? (1u << (n - 16)) - 1u
                                             : 0u)) {}
};

// Two vectors of filter accumulators: one output pixel (forward) or one tap (gradient).
struct Acc {
  __m512 lo = _mm512_setzero_ps(), hi = _mm512_setzero_ps();

  void fma(float x, __m512 w_lo, __m512 w_hi) {
    const __m512 xv = _mm512_set1_ps(x);
    lo = _mm512_fmadd_ps(xv, w_lo, lo);
    hi = _mm512_fmadd_ps(xv, w_hi, hi);
  }
  void load(const float* p, FilterMasks m) {
    lo = _mm512_maskz_loadu_ps(m.low, p);
    hi = _mm512_maskz_loadu_ps(m.high, p + 16);
  }
  void store(float* p, FilterMasks m) const {
    _mm512_mask_storeu_ps(p, m.low, lo);
    _mm512_mask_storeu_ps(p + 16, m.high, hi);
  }
};

// Eight output pixels (window origins `origin[0..7]` in the padded image) x one filter group.
// The accumulators are named, not an array: GCC keeps arrays of vectors on the stack and
// stored them back on every tap, at a third of the speed.
void forward_block8(const float* image, const int64_t* origin, const int64_t* offsets, int64_t taps,
                    const float* w, int64_t filters, FilterMasks m, float* out) {
  Acc a0, a1, a2, a3, a4, a5, a6, a7;
  const int64_t o0 = origin[0], o1 = origin[1], o2 = origin[2], o3 = origin[3], o4 = origin[4],
                o5 = origin[5], o6 = origin[6], o7 = origin[7];
  for (int64_t t = 0; t < taps; ++t) {
    const float* wt = w + t * filters;
    const __m512 w_lo = _mm512_maskz_loadu_ps(m.low, wt);
    const __m512 w_hi = _mm512_maskz_loadu_ps(m.high, wt + 16);
    const float* xt = image + offsets[t];
    a0.fma(xt[o0], w_lo, w_hi);
    a1.fma(xt[o1], w_lo, w_hi);
    a2.fma(xt[o2], w_lo, w_hi);
    a3.fma(xt[o3], w_lo, w_hi);
    a4.fma(xt[o4], w_lo, w_hi);
    a5.fma(xt[o5], w_lo, w_hi);
    a6.fma(xt[o6], w_lo, w_hi);
    a7.fma(xt[o7], w_lo, w_hi);
  }
  a0.store(out, m);
  a1.store(out + filters, m);
  a2.store(out + 2 * filters, m);
  a3.store(out + 3 * filters, m);
  a4.store(out + 4 * filters, m);
  a5.store(out + 5 * filters, m);
  a6.store(out + 6 * filters, m);
  a7.store(out + 7 * filters, m);
}

// One output pixel x one filter group: the tail of a row of blocks.
void forward_block1(const float* image, int64_t origin, const int64_t* offsets, int64_t taps,
                    const float* w, int64_t filters, FilterMasks m, float* out) {
  Acc a;
  for (int64_t t = 0; t < taps; ++t) {
    const float* wt = w + t * filters;
    a.fma(image[origin + offsets[t]], _mm512_maskz_loadu_ps(m.low, wt),
          _mm512_maskz_loadu_ps(m.high, wt + 16));
  }
  a.store(out, m);
}

// Eight taps (`offsets[0..7]`) x one filter group, summed over every output pixel onto dw.
void weight_block8(const float* image, const int64_t* origins, int64_t pixels,
                   const int64_t* offsets, const float* dy, int64_t filters, FilterMasks m,
                   float* dw) {
  Acc a0, a1, a2, a3, a4, a5, a6, a7;
  a0.load(dw, m);
  a1.load(dw + filters, m);
  a2.load(dw + 2 * filters, m);
  a3.load(dw + 3 * filters, m);
  a4.load(dw + 4 * filters, m);
  a5.load(dw + 5 * filters, m);
  a6.load(dw + 6 * filters, m);
  a7.load(dw + 7 * filters, m);
  const int64_t o0 = offsets[0], o1 = offsets[1], o2 = offsets[2], o3 = offsets[3], o4 = offsets[4],
                o5 = offsets[5], o6 = offsets[6], o7 = offsets[7];
  for (int64_t q = 0; q < pixels; ++q) {
    const float* g = dy + q * filters;
    const __m512 g_lo = _mm512_maskz_loadu_ps(m.low, g);
    const __m512 g_hi = _mm512_maskz_loadu_ps(m.high, g + 16);
    const float* xq = image + origins[q];
    a0.fma(xq[o0], g_lo, g_hi);
    a1.fma(xq[o1], g_lo, g_hi);
    a2.fma(xq[o2], g_lo, g_hi);
    a3.fma(xq[o3], g_lo, g_hi);
    a4.fma(xq[o4], g_lo, g_hi);
    a5.fma(xq[o5], g_lo, g_hi);
    a6.fma(xq[o6], g_lo, g_hi);
    a7.fma(xq[o7], g_lo, g_hi);
  }
  a0.store(dw, m);
  a1.store(dw + filters, m);
  a2.store(dw + 2 * filters, m);
  a3.store(dw + 3 * filters, m);
  a4.store(dw + 4 * filters, m);
  a5.store(dw + 5 * filters, m);
  a6.store(dw + 6 * filters, m);
  a7.store(dw + 7 * filters, m);
}

// One tap x one filter group: the tail of the taps.
void weight_block1(const float* image, const int64_t* origins, int64_t pixels, int64_t offset,
                   const float* dy, int64_t filters, FilterMasks m, float* dw) {
  Acc a;
  a.load(dw, m);
  for (int64_t q = 0; q < pixels; ++q) {
    const float* g = dy + q * filters;
    a.fma(image[origins[q] + offset], _mm512_maskz_loadu_ps(m.low, g),
          _mm512_maskz_loadu_ps(m.high, g + 16));
  }
  a.store(dw, m);
}

}  // namespace

void direct_forward_group(const float* image, const int64_t* origins, int64_t pixels,
                          const int64_t* offsets, int64_t taps, const float* w, int64_t filters,
                          int64_t group, float* out) {
  const FilterMasks m(group);
  int64_t q = 0;
  for (; q + 8 <= pixels; q += 8)
    forward_block8(image, origins + q, offsets, taps, w, filters, m, out + q * filters);
  for (; q < pixels; ++q)
    forward_block1(image, origins[q], offsets, taps, w, filters, m, out + q * filters);
}

void direct_weight_group(const float* image, const int64_t* origins, int64_t pixels,
                         const int64_t* offsets, int64_t taps, const float* dy, int64_t filters,
                         int64_t group, float* dw) {
  const FilterMasks m(group);
  int64_t t = 0;
  for (; t + 8 <= taps; t += 8)
    weight_block8(image, origins, pixels, offsets + t, dy, filters, m, dw + t * filters);
  for (; t < taps; ++t)
    weight_block1(image, origins, pixels, offsets[t], dy, filters, m, dw + t * filters);
}

}  // namespace cnnlab::kernels_detail::avx512
