#include "cpu_features.hpp"

#include <cstdlib>
#include <cstring>

#include "cnnlab/kernels/cpu.hpp"

namespace cnnlab::kernels_detail {

namespace {

bool detect_avx512() {
#if defined(CNNLAB_AVX512_KERNELS)
  // Like oneDNN's ONEDNN_MAX_CPU_ISA: a cap for comparing paths, never a way to enable one
  // the CPU lacks.
  const char* cap = std::getenv("CNNLAB_MAX_CPU_ISA");
  if (cap && std::strcmp(cap, "generic") == 0) return false;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
#else
  return false;
#endif
}

}  // namespace

bool cpu_has_avx512() {
  static const bool has = detect_avx512();
  return has;
}

}  // namespace cnnlab::kernels_detail

namespace cnnlab {

const char* kernel_isa() { return kernels_detail::cpu_has_avx512() ? "avx512" : "generic"; }

}  // namespace cnnlab
