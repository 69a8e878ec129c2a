// Dense kernels against a double reference, with shapes that split into several tiles.
#include "cnnlab/kernels/dense.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "kernel_test_support.hpp"

using namespace cnnlab;
using cnnlab::test::kKernelTolerance;
using cnnlab::test::max_relative_error;
using cnnlab::test::random_values;

namespace {
// y = x w + b in double.
std::vector<double> reference_forward(const DenseShape& s, const std::vector<float>& x,
                                      const std::vector<float>& w, const std::vector<float>& b) {
  std::vector<double> y(s.rows * s.out);
  for (int64_t r = 0; r < s.rows; ++r)
    for (int64_t o = 0; o < s.out; ++o) {
      double sum = b.empty() ? 0.0 : b[o];
      for (int64_t i = 0; i < s.in; ++i) sum += double(x[r * s.in + i]) * w[i * s.out + o];
      y[r * s.out + o] = sum;
    }
  return y;
}

const std::vector<DenseShape> kShapes = {
    {1, 1, 1}, {7, 5, 3}, {13, 37, 300}, {200, 300, 10}, {3, 1000, 17}};
}  // namespace

TEST_CASE("dense_forward matches the reference", "[kernels][dense]") {
  uint64_t seed = 1;
  for (const auto& s : kShapes) {
    INFO(s.rows << "x" << s.in << " -> " << s.out);
    const auto x = random_values(s.rows * s.in, ++seed), w = random_values(s.in * s.out, ++seed);
    const auto b = random_values(s.out, ++seed);
    std::vector<float> y(s.rows * s.out);
    dense_forward(s, x.data(), w.data(), b.data(), Activation::linear, y.data());
    CHECK(max_relative_error(y, reference_forward(s, x, w, b)) < kKernelTolerance);
    dense_forward(s, x.data(), w.data(), nullptr, Activation::tanh, y.data());
    auto want = reference_forward(s, x, w, {});
    for (auto& v : want) v = std::tanh(v);
    CHECK(max_relative_error(y, want) < kKernelTolerance);
  }
}

TEST_CASE("dense backward matches the reference", "[kernels][dense]") {
  uint64_t seed = 50;
  for (const auto& s : kShapes) {
    INFO(s.rows << "x" << s.in << " -> " << s.out);
    const auto x = random_values(s.rows * s.in, ++seed), w = random_values(s.in * s.out, ++seed);
    const auto dy = random_values(s.rows * s.out, ++seed);
    std::vector<double> dx_want(s.rows * s.in, 0.0), dw_want(s.in * s.out, 0.0),
        db_want(s.out, 0.0);
    for (int64_t r = 0; r < s.rows; ++r)
      for (int64_t o = 0; o < s.out; ++o) {
        db_want[o] += dy[r * s.out + o];
        for (int64_t i = 0; i < s.in; ++i) {
          dx_want[r * s.in + i] += double(dy[r * s.out + o]) * w[i * s.out + o];
          dw_want[i * s.out + o] += double(x[r * s.in + i]) * dy[r * s.out + o];
        }
      }
    std::vector<float> dx(s.rows * s.in, 9.0f), dw(s.in * s.out, 9.0f), db(s.out, 9.0f);
    dense_backward_data(s, dy.data(), w.data(), dx.data());
    dense_backward_weights(s, x.data(), dy.data(), dw.data(), db.data());
    CHECK(max_relative_error(dx, dx_want) < kKernelTolerance);
    CHECK(max_relative_error(dw, dw_want) < kKernelTolerance);
    CHECK(max_relative_error(db, db_want) < kKernelTolerance);
  }
}
