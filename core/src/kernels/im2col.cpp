#include "im2col.hpp"

#include "avx512/im2col_runs.hpp"
#include "cpu_features.hpp"
#include "im2col_loops.hpp"

namespace cnnlab::kernels_detail {

namespace {
// Plain loops: the compiler vectorises them for whatever the build targets.
struct ScalarRuns {
  static void copy(float* dst, const float* src, int64_t n) {
    for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
  }
  static void zero(float* dst, int64_t n) {
    for (int64_t i = 0; i < n; ++i) dst[i] = 0.0f;
  }
  static void add(float* dst, const float* src, int64_t n) {
    for (int64_t i = 0; i < n; ++i) dst[i] += src[i];
  }
};
}  // namespace

void im2col(const Window2d& w, int64_t channels, const float* image, float* columns) {
#if defined(CNNLAB_AVX512_KERNELS)
  if (cpu_has_avx512()) return avx512::im2col(w, channels, image, columns);
#endif
  im2col_with<ScalarRuns>(w, channels, image, columns);
}

void col2im_add(const Window2d& w, int64_t channels, const float* columns, float* image) {
#if defined(CNNLAB_AVX512_KERNELS)
  if (cpu_has_avx512()) return avx512::col2im_add(w, channels, columns, image);
#endif
  col2im_add_with<ScalarRuns>(w, channels, columns, image);
}

}  // namespace cnnlab::kernels_detail
