#include "cnnlab/kernels/gemm.hpp"

#include <omp.h>
#include <oneapi/dnnl/dnnl.h>

#include <stdexcept>
#include <string>

namespace cnnlab {

namespace {
// oneDNN (Debian's build uses OpenMP) starts an OpenMP team of all cores on every calling
// thread unless that thread's team size is 1. Inside our TBB chunks that would oversubscribe
// the cores and let --threads 1 use more than one, so each calling thread asks once for 1.
void use_one_openmp_thread() {
  thread_local bool done = false;
  if (done) return;
  omp_set_num_threads(1);
  done = true;
}
}  // namespace

void sgemm(bool transpose_a, bool transpose_b, int64_t m, int64_t n, int64_t k, float alpha,
           const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c,
           int64_t ldc) {
  if (m <= 0 || n <= 0) return;
  use_one_openmp_thread();
  const dnnl_status_t status = dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', m, n, k,
                                          alpha, a, lda, b, ldb, beta, c, ldc);
  // Only invalid arguments fail, which is a bug in the calling kernel.
  if (status != dnnl_success)
    throw std::logic_error("dnnl_sgemm failed with status " + std::to_string(status));
}

}  // namespace cnnlab
