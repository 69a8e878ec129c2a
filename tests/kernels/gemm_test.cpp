// The sgemm wrapper: all four transpose combinations, alpha/beta and leading dimensions.
#include "cnnlab/kernels/gemm.hpp"

#include <catch2/catch.hpp>

#include "kernel_test_support.hpp"

using cnnlab::test::kKernelTolerance;
using cnnlab::test::max_relative_error;
using cnnlab::test::random_values;

TEST_CASE("sgemm computes alpha op(A) op(B) + beta C", "[kernels][gemm]") {
  const int64_t m = 13, n = 9, k = 21, pad = 3;
  for (bool ta : {false, true})
    for (bool tb : {false, true}) {
      INFO("transpose_a " << ta << " transpose_b " << tb);
      const int64_t lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
      const auto a = random_values((ta ? k : m) * lda, 1), b = random_values((tb ? n : k) * ldb, 2);
      auto c = random_values(m * ldc, 3);
      std::vector<double> want(c.begin(), c.end());
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
          double sum = 0;
          for (int64_t p = 0; p < k; ++p)
            sum += double(ta ? a[p * lda + i] : a[i * lda + p]) *
                   (tb ? b[j * ldb + p] : b[p * ldb + j]);
          want[i * ldc + j] = 0.5 * sum + 2.0 * c[i * ldc + j];
        }
      cnnlab::sgemm(ta, tb, m, n, k, 0.5f, a.data(), lda, b.data(), ldb, 2.0f, c.data(), ldc);
      CHECK(max_relative_error(c, want) < kKernelTolerance);
    }
}
