// Activation kernels against their definitions in double, including softmax's stability.
#include "cnnlab/kernels/activation.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "kernel_test_support.hpp"

using namespace cnnlab;
using cnnlab::test::kKernelTolerance;
using cnnlab::test::max_relative_error;
using cnnlab::test::random_values;

namespace {
constexpr int64_t kRows = 37, kCols = 11;

double apply(Activation f, double x) {
  switch (f) {
    case Activation::relu:
      return x > 0 ? x : 0;
    case Activation::sigmoid:
      return 1 / (1 + std::exp(-x));
    case Activation::tanh:
      return std::tanh(x);
    case Activation::leaky_relu:
      return x > 0 ? x : 0.2 * x;
    case Activation::elu:
      return x > 0 ? x : std::exp(x) - 1;
    case Activation::gelu:
      return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
    case Activation::swish:
      return x / (1 + std::exp(-x));
    default:
      return x;
  }
}
double derivative(Activation f, double x) {
  switch (f) {
    case Activation::relu:
      return x > 0 ? 1 : 0;
    case Activation::sigmoid:
      return apply(f, x) * (1 - apply(f, x));
    case Activation::tanh:
      return 1 - std::tanh(x) * std::tanh(x);
    case Activation::leaky_relu:
      return x > 0 ? 1 : 0.2;
    case Activation::elu:
      return x > 0 ? 1 : std::exp(x);
    case Activation::gelu:  // Phi(x) + x phi(x)
      return 0.5 * (1 + std::erf(x / std::sqrt(2.0))) +
             x * std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI);
    case Activation::swish: {
      const double s = 1 / (1 + std::exp(-x));
      return s + x * s * (1 - s);
    }
    default:
      return 1;
  }
}

std::vector<double> softmax(const std::vector<float>& x) {
  std::vector<double> y(x.size());
  for (int64_t r = 0; r < kRows; ++r) {
    double max = -1e300, sum = 0;
    for (int64_t c = 0; c < kCols; ++c) max = std::max(max, double(x[r * kCols + c]));
    for (int64_t c = 0; c < kCols; ++c) sum += std::exp(x[r * kCols + c] - max);
    for (int64_t c = 0; c < kCols; ++c) y[r * kCols + c] = std::exp(x[r * kCols + c] - max) / sum;
  }
  return y;
}
}  // namespace

TEST_CASE("element-wise activations and their derivatives", "[kernels][activation]") {
  const auto x = random_values(kRows * kCols, 1, -4, 4), dy = random_values(kRows * kCols, 2);
  for (Activation f :
       {Activation::linear, Activation::relu, Activation::sigmoid, Activation::tanh,
        Activation::leaky_relu, Activation::elu, Activation::gelu, Activation::swish}) {
    INFO(static_cast<int>(f));
    std::vector<float> y(x.size()), dx(x.size());
    std::vector<double> y_want(x.size()), dx_want(x.size());
    for (size_t i = 0; i < x.size(); ++i) {
      y_want[i] = apply(f, x[i]);
      dx_want[i] = dy[i] * derivative(f, x[i]);
    }
    activation_forward(f, kRows, kCols, x.data(), y.data());
    CHECK(max_relative_error(y, y_want) < kKernelTolerance);
    if (activation_needs_input(f)) {
      CHECK_THROWS(activation_backward(f, kRows, kCols, y.data(), dy.data(), dx.data()));
      activation_backward_from_input(f, kRows * kCols, x.data(), dy.data(), dx.data());
    } else {
      activation_backward(f, kRows, kCols, y.data(), dy.data(), dx.data());
    }
    CHECK(max_relative_error(dx, dx_want) < kKernelTolerance);
    // In place, as the layers use it.
    std::vector<float> inplace = x;
    activation_forward(f, kRows, kCols, inplace.data(), inplace.data());
    CHECK(inplace == y);
  }
}

TEST_CASE("softmax forward and backward", "[kernels][activation]") {
  const auto x = random_values(kRows * kCols, 3, -5, 5), dy = random_values(kRows * kCols, 4);
  std::vector<float> y(x.size()), dx(x.size());
  activation_forward(Activation::softmax, kRows, kCols, x.data(), y.data());
  const auto p = softmax(x);
  CHECK(max_relative_error(y, p) < kKernelTolerance);
  std::vector<double> dx_want(x.size());
  for (int64_t r = 0; r < kRows; ++r)
    for (int64_t i = 0; i < kCols; ++i)
      for (int64_t j = 0; j < kCols; ++j)
        dx_want[r * kCols + i] +=
            dy[r * kCols + j] * p[r * kCols + j] * ((i == j ? 1.0 : 0.0) - p[r * kCols + i]);
  activation_backward(Activation::softmax, kRows, kCols, y.data(), dy.data(), dx.data());
  CHECK(max_relative_error(dx, dx_want) < kKernelTolerance);
}

TEST_CASE("softmax is finite for logits of +-1000", "[kernels][activation]") {
  const std::vector<float> x{1000.0f, -1000.0f, 999.0f};
  std::vector<float> y(3);
  activation_forward(Activation::softmax, 1, 3, x.data(), y.data());
  CHECK(y[0] == Approx(1 / (1 + std::exp(-1.0))));
  CHECK(y[1] == 0.0f);
  CHECK(y[2] == Approx(std::exp(-1.0) / (1 + std::exp(-1.0))));
  const std::vector<float> s{-1000.0f, 1000.0f};
  std::vector<float> z(2);
  activation_forward(Activation::sigmoid, 1, 2, s.data(), z.data());
  CHECK(z == std::vector<float>{0.0f, 1.0f});
}
