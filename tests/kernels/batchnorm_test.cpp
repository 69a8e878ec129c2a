// Batch normalization against its definition in double: batch statistics with the biased
// variance, Keras' moving-average update, inference with the moving statistics, backward.
#include "cnnlab/kernels/batchnorm.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "kernel_test_support.hpp"

using namespace cnnlab;
using cnnlab::test::kKernelTolerance;
using cnnlab::test::max_relative_error;
using cnnlab::test::random_values;

namespace {
constexpr float kEps = 1e-3f, kMomentum = 0.99f;

struct Moments {
  std::vector<double> mean, var;
};

Moments moments(const BatchNormShape& s, const std::vector<float>& x) {
  Moments m{std::vector<double>(s.channels, 0.0), std::vector<double>(s.channels, 0.0)};
  for (int64_t r = 0; r < s.rows; ++r)
    for (int64_t c = 0; c < s.channels; ++c) m.mean[c] += x[r * s.channels + c] / double(s.rows);
  for (int64_t r = 0; r < s.rows; ++r)
    for (int64_t c = 0; c < s.channels; ++c) {
      const double d = x[r * s.channels + c] - m.mean[c];
      m.var[c] += d * d / double(s.rows);
    }
  return m;
}
}  // namespace

TEST_CASE("batchnorm training forward normalises with batch statistics", "[kernels][batchnorm]") {
  for (const BatchNormShape s :
       {BatchNormShape{1, 3}, BatchNormShape{7 * 5 * 3, 5}, BatchNormShape{40000, 3}}) {
    INFO(s.rows << " rows, " << s.channels << " channels");
    // An offset mean: the normalisation must not lose precision to it.
    const auto x = random_values(s.rows * s.channels, 1, 2.0, 5.0);
    const auto gamma = random_values(s.channels, 2, 0.5, 1.5), beta = random_values(s.channels, 3);
    std::vector<float> mm(s.channels, 0.5f), mv(s.channels, 2.0f), mean(s.channels),
        inv_std(s.channels), y(x.size());
    batchnorm_forward_training(s, x.data(), gamma.data(), beta.data(), kEps, kMomentum, mm.data(),
                               mv.data(), mean.data(), inv_std.data(), y.data());
    const Moments m = moments(s, x);
    std::vector<double> y_want(x.size()), mm_want(s.channels), mv_want(s.channels),
        inv_std_want(s.channels);
    for (int64_t c = 0; c < s.channels; ++c) {
      inv_std_want[c] = 1 / std::sqrt(m.var[c] + kEps);
      mm_want[c] = 0.5 * kMomentum + m.mean[c] * (1 - kMomentum);
      mv_want[c] = 2.0 * kMomentum + m.var[c] * (1 - kMomentum);
    }
    for (size_t i = 0; i < x.size(); ++i) {
      const int64_t c = i % s.channels;
      y_want[i] = gamma[c] * (x[i] - m.mean[c]) * inv_std_want[c] + beta[c];
    }
    CHECK(max_relative_error(y, y_want) < kKernelTolerance);
    CHECK(max_relative_error(mean, m.mean) < kKernelTolerance);
    CHECK(max_relative_error(inv_std, inv_std_want) < kKernelTolerance);
    CHECK(max_relative_error(mm, mm_want) < kKernelTolerance);
    CHECK(max_relative_error(mv, mv_want) < kKernelTolerance);
  }
}

TEST_CASE("batchnorm inference uses the moving statistics", "[kernels][batchnorm]") {
  const BatchNormShape s{9, 4};
  const auto x = random_values(36, 1), gamma = random_values(4, 2), beta = random_values(4, 3);
  const auto mm = random_values(4, 4), mv = random_values(4, 5, 0.5, 2.0);
  std::vector<float> y(36);
  batchnorm_forward_inference(s, x.data(), gamma.data(), beta.data(), mm.data(), mv.data(), kEps,
                              y.data());
  std::vector<double> want(36);
  for (size_t i = 0; i < 36; ++i) {
    const size_t c = i % 4;
    want[i] = gamma[c] * (x[i] - mm[c]) / std::sqrt(double(mv[c]) + kEps) + beta[c];
  }
  CHECK(max_relative_error(y, want) < kKernelTolerance);
}

TEST_CASE("batchnorm backward matches the closed form", "[kernels][batchnorm]") {
  const BatchNormShape s{7 * 9, 5};
  const auto x = random_values(s.rows * s.channels, 1, -1, 3), dy = random_values(x.size(), 2);
  const auto gamma = random_values(s.channels, 3, 0.5, 1.5), beta = random_values(s.channels, 4);
  std::vector<float> mm(s.channels), mv(s.channels, 1.0f), mean(s.channels), inv_std(s.channels),
      y(x.size()), dx(x.size()), dgamma(s.channels), dbeta(s.channels);
  batchnorm_forward_training(s, x.data(), gamma.data(), beta.data(), kEps, kMomentum, mm.data(),
                             mv.data(), mean.data(), inv_std.data(), y.data());
  batchnorm_backward(s, x.data(), dy.data(), gamma.data(), mean.data(), inv_std.data(), dx.data(),
                     dgamma.data(), dbeta.data());
  const Moments m = moments(s, x);
  std::vector<double> sum_dy(s.channels), sum_dy_xhat(s.channels), dx_want(x.size());
  auto xhat = [&](size_t i) {
    const size_t c = i % s.channels;
    return (x[i] - m.mean[c]) / std::sqrt(m.var[c] + kEps);
  };
  for (size_t i = 0; i < x.size(); ++i) {
    sum_dy[i % s.channels] += dy[i];
    sum_dy_xhat[i % s.channels] += dy[i] * xhat(i);
  }
  const double n = double(s.rows);
  for (size_t i = 0; i < x.size(); ++i) {
    const size_t c = i % s.channels;
    dx_want[i] = gamma[c] / std::sqrt(m.var[c] + kEps) / n *
                 (n * dy[i] - sum_dy[c] - xhat(i) * sum_dy_xhat[c]);
  }
  CHECK(max_relative_error(dbeta, sum_dy) < kKernelTolerance);
  CHECK(max_relative_error(dgamma, sum_dy_xhat) < kKernelTolerance);
  CHECK(max_relative_error(dx, dx_want) < kKernelTolerance);
}
