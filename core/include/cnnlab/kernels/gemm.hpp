#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// C = alpha * op(A) * op(B) + beta * C on row-major matrices, op(A) m x k, op(B) k x n.
// Single-threaded (oneDNN's dnnl_sgemm held to one OpenMP thread): kernels call it from inside
// parallel_for chunks, so all parallelism and the chunking that fixes results stay ours.
CNNLAB_API void sgemm(bool transpose_a, bool transpose_b, int64_t m, int64_t n, int64_t k,
                      float alpha, const float* a, int64_t lda, const float* b, int64_t ldb,
                      float beta, float* c, int64_t ldc);

}  // namespace cnnlab
