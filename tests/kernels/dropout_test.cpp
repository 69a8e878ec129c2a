// Dropout: inverted scaling, a mask fixed by the seed alone, backward using the same mask.
#include "cnnlab/kernels/dropout.hpp"

#include <catch2/catch.hpp>

#include "cnnlab/parallel.hpp"
#include "kernel_test_support.hpp"

using namespace cnnlab;
using cnnlab::test::random_values;

TEST_CASE("dropout keeps about 1 - rate of the elements, scaled by 1 / (1 - rate)",
          "[kernels][dropout]") {
  const int64_t n = 200000;
  const std::vector<float> x(n, 2.0f);
  std::vector<float> y(n);
  dropout_forward(n, 0.25f, 42, x.data(), y.data());
  int64_t kept = 0;
  for (float v : y) {
    REQUIRE((v == 0.0f || v == Approx(2.0f / 0.75f)));
    kept += v != 0.0f;
  }
  CHECK(kept / double(n) == Approx(0.75).margin(0.005));
}

TEST_CASE("dropout backward applies the forward's mask and scale", "[kernels][dropout]") {
  const int64_t n = 5000;
  const auto x = random_values(n, 1, 0.5, 1.5), dy = random_values(n, 2);
  std::vector<float> y(n), dx(n);
  dropout_forward(n, 0.4f, 7, x.data(), y.data());
  dropout_backward(n, 0.4f, 7, dy.data(), dx.data());
  for (int64_t i = 0; i < n; ++i) {
    if (y[i] == 0.0f) {
      REQUIRE(dx[i] == 0.0f);
    } else {
      REQUIRE(y[i] == x[i] * (1.0f / 0.6f));
      REQUIRE(dx[i] == dy[i] * (1.0f / 0.6f));
    }
  }
}

TEST_CASE("dropout masks depend on the seed, not on threads", "[kernels][dropout]") {
  const int64_t n = 100000;
  const std::vector<float> x(n, 1.0f);
  std::vector<float> one(n), two(n), other(n);
  {
    ThreadLimit limit(1);
    dropout_forward(n, 0.5f, 3, x.data(), one.data());
  }
  {
    ThreadLimit limit(2);
    dropout_forward(n, 0.5f, 3, x.data(), two.data());
  }
  dropout_forward(n, 0.5f, 4, x.data(), other.data());
  CHECK(one == two);
  CHECK(one != other);
}

TEST_CASE("dropout with rate 0 passes values through", "[kernels][dropout]") {
  const auto x = random_values(100, 5);
  std::vector<float> y(100);
  dropout_forward(100, 0.0f, 1, x.data(), y.data());
  CHECK(y == x);
}
