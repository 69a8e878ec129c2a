// Pooling kernels against the double reference: odd sizes, overlapping and strided windows,
// same and valid padding (padding never counts, like TensorFlow).
#include "cnnlab/kernels/pooling.hpp"

#include <array>
#include <catch2/catch.hpp>

#include "kernel_test_support.hpp"
#include "reference.hpp"

using namespace cnnlab;
using cnnlab::test::kKernelTolerance;
using cnnlab::test::max_relative_error;
using cnnlab::test::random_values;

namespace {
struct Case {
  reference::Geometry g;
  Pool2dShape shape;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (bool same : {false, true})
    for (auto ks : std::vector<std::array<int64_t, 3>>{{2, 2, 2}, {3, 3, 2}, {3, 2, 1}, {2, 3, 3}})
      for (auto bc : std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {7, 3}, {2, 5}}) {
        reference::Geometry g{bc.first, 7, 9, bc.second, ks[0], ks[1], ks[2], ks[2], same};
        Pool2dShape s{g.batch, g.in_c,
                      make_window2d(g.in_h, g.in_w, g.k_h, g.k_w, g.stride_h, g.stride_w,
                                    same ? Padding::same : Padding::valid)};
        out.push_back({g, s});
      }
  return out;
}

std::string name(const reference::Geometry& g) {
  return "N" + std::to_string(g.batch) + " C" + std::to_string(g.in_c) + " pool " +
         std::to_string(g.k_h) + "x" + std::to_string(g.k_w) + " s" + std::to_string(g.stride_h) +
         (g.same ? " same" : " valid");
}

size_t input_size(const reference::Geometry& g) { return g.batch * g.in_h * g.in_w * g.in_c; }
size_t output_size(const reference::Geometry& g) {
  return g.batch * g.out_h() * g.out_w() * g.in_c;
}
}  // namespace

TEST_CASE("maxpool2d forward and backward match the reference", "[kernels][pooling]") {
  uint64_t seed = 10;
  for (const auto& c : cases()) {
    INFO(name(c.g));
    // Negative values: a padded zero must never win the max.
    const auto x = random_values(input_size(c.g), ++seed, -2.0, -1.0);
    const auto dy = random_values(output_size(c.g), ++seed);
    std::vector<float> y(output_size(c.g)), dx(input_size(c.g), 5.0f);
    std::vector<int32_t> argmax(y.size());
    maxpool2d_forward(c.shape, x.data(), y.data(), argmax.data());
    CHECK(max_relative_error(y, reference::maxpool2d_forward(c.g, x)) == 0.0);
    maxpool2d_backward(c.shape, argmax.data(), dy.data(), dx.data());
    CHECK(max_relative_error(dx, reference::maxpool2d_backward(c.g, x, dy)) < kKernelTolerance);
    std::vector<float> y_no_argmax(y.size());
    maxpool2d_forward(c.shape, x.data(), y_no_argmax.data(), nullptr);
    CHECK(y_no_argmax == y);
  }
}

TEST_CASE("maxpool2d routes a tie's gradient to the first maximum", "[kernels][pooling]") {
  Pool2dShape s{1, 1, make_window2d(2, 2, 2, 2, 2, 2, Padding::valid)};
  const std::vector<float> x{1.0f, 3.0f, 3.0f, 0.0f};
  float y = 0, dy = 1.0f;
  int32_t argmax = -1;
  std::vector<float> dx(4);
  maxpool2d_forward(s, x.data(), &y, &argmax);
  maxpool2d_backward(s, &argmax, &dy, dx.data());
  CHECK(y == 3.0f);
  CHECK(dx == std::vector<float>{0.0f, 1.0f, 0.0f, 0.0f});
}

TEST_CASE("avgpool2d forward and backward match the reference", "[kernels][pooling]") {
  uint64_t seed = 20;
  for (const auto& c : cases()) {
    INFO(name(c.g));
    const auto x = random_values(input_size(c.g), ++seed);
    const auto dy = random_values(output_size(c.g), ++seed);
    std::vector<float> y(output_size(c.g)), dx(input_size(c.g), 5.0f);
    avgpool2d_forward(c.shape, x.data(), y.data());
    CHECK(max_relative_error(y, reference::avgpool2d_forward(c.g, x)) < kKernelTolerance);
    avgpool2d_backward(c.shape, dy.data(), dx.data());
    CHECK(max_relative_error(dx, reference::avgpool2d_backward(c.g, dy)) < kKernelTolerance);
  }
}

TEST_CASE("avgpool2d with same padding divides by the real pixels only", "[kernels][pooling]") {
  // 3x3 image of ones, 2x2 windows, stride 2, same: every window averages to exactly 1.
  Pool2dShape s{1, 1, make_window2d(3, 3, 2, 2, 2, 2, Padding::same)};
  const std::vector<float> x(9, 1.0f);
  std::vector<float> y(4);
  avgpool2d_forward(s, x.data(), y.data());
  CHECK(y == std::vector<float>(4, 1.0f));
}
