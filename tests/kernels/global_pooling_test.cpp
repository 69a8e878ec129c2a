// Global pooling kernels against the double pooling references with a window of the whole
// image (whose output {batch, 1, 1, C} has the layout of {batch, C}).
#include "cnnlab/kernels/global_pooling.hpp"

#include <catch2/catch.hpp>
#include <numeric>

#include "kernel_test_support.hpp"
#include "reference.hpp"

using namespace cnnlab;
using cnnlab::test::kKernelTolerance;
using cnnlab::test::max_relative_error;
using cnnlab::test::random_values;

TEST_CASE("global average and max pooling match whole-image pooling", "[kernels][pooling]") {
  for (int64_t c : {1, 6}) {
    const reference::Geometry g{5, 7, 4, c, 7, 4, 1, 1, false};
    const GlobalPoolShape s{5, 7 * 4, c};
    // Distinct values: the maximum is unique, as the reference's argmax assumes.
    std::vector<float> x(static_cast<size_t>(5 * 7 * 4 * c));
    std::iota(x.begin(), x.end(), 0.0f);
    const auto shuffled = random_values(x.size(), 7);
    for (size_t i = 0; i < x.size(); ++i) x[i] = x[i] * 0.01f + (shuffled[i] > 0 ? 1.0f : -1.0f);
    const auto dy = random_values(static_cast<size_t>(5 * c), 8);
    INFO("channels " << c);

    std::vector<float> y(dy.size()), dx(x.size());
    global_avgpool_forward(s, x.data(), y.data());
    CHECK(max_relative_error(y, reference::avgpool2d_forward(g, x)) < kKernelTolerance);
    global_avgpool_backward(s, dy.data(), dx.data());
    CHECK(max_relative_error(dx, reference::avgpool2d_backward(g, dy)) < kKernelTolerance);

    std::vector<int32_t> argmax(dy.size());
    global_maxpool_forward(s, x.data(), y.data(), argmax.data());
    CHECK(max_relative_error(y, reference::maxpool2d_forward(g, x)) == 0.0);
    global_maxpool_backward(s, argmax.data(), dy.data(), dx.data());
    CHECK(max_relative_error(dx, reference::maxpool2d_backward(g, x, dy)) == 0.0);
  }
}
