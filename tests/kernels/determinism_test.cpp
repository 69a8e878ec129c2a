// Every kernel gives the same bits with one thread and with two: chunks and the order of
// every sum are fixed by the shapes alone.
#include <catch2/catch.hpp>
#include <functional>

#include "cnnlab/kernels.hpp"
#include "cnnlab/parallel.hpp"
#include "kernel_test_support.hpp"

using namespace cnnlab;
using cnnlab::test::random_values;

namespace {
// Runs `compute` (which fills its output vectors) at 1 and at 2 threads.
void check_same_bits(const std::function<std::vector<std::vector<float>>()>& compute) {
  std::vector<std::vector<float>> one, two;
  {
    ThreadLimit limit(1);
    one = compute();
  }
  {
    ThreadLimit limit(2);
    two = compute();
  }
  REQUIRE(one.size() == two.size());
  for (size_t i = 0; i < one.size(); ++i) CHECK(one[i] == two[i]);
}
}  // namespace

TEST_CASE("conv2d kernels are bit-identical at 1 and 2 threads", "[kernels][determinism]") {
  // A batch big enough for many chunks and all weight-gradient groups.
  const Conv2dShape s{64, 8, 16, make_window2d(14, 14, 5, 5, 1, 1, Padding::same)};
  const auto x = random_values(64 * 14 * 14 * 8, 1), w = random_values(5 * 5 * 8 * 16, 2);
  const auto b = random_values(16, 3), dy = random_values(64 * 14 * 14 * 16, 4);
  check_same_bits([&] {
    std::vector<float> y(dy.size()), dx(x.size()), dw(w.size()), db(16);
    conv2d_forward(s, x.data(), w.data(), b.data(), Activation::relu, y.data());
    conv2d_backward_data(s, dy.data(), w.data(), dx.data());
    conv2d_backward_weights(s, x.data(), dy.data(), dw.data(), db.data());
    return std::vector<std::vector<float>>{y, dx, dw, db};
  });
}

TEST_CASE("dense kernels are bit-identical at 1 and 2 threads", "[kernels][determinism]") {
  const DenseShape s{200, 784, 300};
  const auto x = random_values(200 * 784, 1), w = random_values(784 * 300, 2);
  const auto b = random_values(300, 3), dy = random_values(200 * 300, 4);
  check_same_bits([&] {
    std::vector<float> y(dy.size()), dx(x.size()), dw(w.size()), db(300);
    dense_forward(s, x.data(), w.data(), b.data(), Activation::softmax, y.data());
    dense_backward_data(s, dy.data(), w.data(), dx.data());
    dense_backward_weights(s, x.data(), dy.data(), dw.data(), db.data());
    return std::vector<std::vector<float>>{y, dx, dw, db};
  });
}

TEST_CASE("pooling and batchnorm are bit-identical at 1 and 2 threads", "[kernels][determinism]") {
  const Pool2dShape p{50, 16, make_window2d(16, 16, 2, 2, 2, 2, Padding::valid)};
  const auto x = random_values(50 * 16 * 16 * 16, 1), dy = random_values(50 * 8 * 8 * 16, 2);
  const auto gamma = random_values(16, 3), beta = random_values(16, 4);
  check_same_bits([&] {
    std::vector<float> y(dy.size()), dx(x.size()), ya(dy.size()), dxa(x.size());
    std::vector<int32_t> argmax(dy.size());
    maxpool2d_forward(p, x.data(), y.data(), argmax.data());
    maxpool2d_backward(p, argmax.data(), dy.data(), dx.data());
    avgpool2d_forward(p, x.data(), ya.data());
    avgpool2d_backward(p, dy.data(), dxa.data());
    const BatchNormShape s{50 * 16 * 16, 16};
    std::vector<float> mm(16), mv(16, 1.0f), mean(16), inv_std(16), yb(x.size()), dxb(x.size()),
        dg(16), dbeta(16);
    batchnorm_forward_training(s, x.data(), gamma.data(), beta.data(), 1e-3f, 0.99f, mm.data(),
                               mv.data(), mean.data(), inv_std.data(), yb.data());
    batchnorm_backward(s, x.data(), x.data(), gamma.data(), mean.data(), inv_std.data(), dxb.data(),
                       dg.data(), dbeta.data());
    return std::vector<std::vector<float>>{y, dx, ya, dxa, mm, mv, yb, dxb, dg, dbeta};
  });
}

TEST_CASE("depthwise, global pooling and warp kernels are bit-identical at 1 and 2 threads",
          "[kernels][determinism]") {
  const DepthwiseConv2dShape s{64, 8, 2, make_window2d(14, 14, 3, 3, 1, 1, Padding::same)};
  const auto x = random_values(64 * 14 * 14 * 8, 1), w = random_values(3 * 3 * 8 * 2, 2);
  const auto b = random_values(16, 3), dy = random_values(64 * 14 * 14 * 16, 4);
  const GlobalPoolShape g{64, 14 * 14, 8};
  const WarpShape ws{64, 14, 14, 8, 14, 14};
  std::vector<AffineMap> maps(64);
  for (size_t n = 0; n < maps.size(); ++n) {
    maps[n].yx = 0.1f * static_cast<float>(n % 5);
    maps[n].x0 = 0.37f * static_cast<float>(n % 7) - 1.0f;
  }
  check_same_bits([&] {
    std::vector<float> y(dy.size()), dx(x.size()), dw(w.size()), db(16);
    depthwise_conv2d_forward(s, x.data(), w.data(), b.data(), Activation::relu, y.data());
    depthwise_conv2d_backward_data(s, dy.data(), w.data(), dx.data());
    depthwise_conv2d_backward_weights(s, x.data(), dy.data(), dw.data(), db.data());
    std::vector<float> pooled(64 * 8), pooled_dx(x.size()), warped(x.size()), warped_dx(x.size());
    global_avgpool_forward(g, x.data(), pooled.data());
    global_avgpool_backward(g, pooled.data(), pooled_dx.data());
    affine_warp_forward(ws, maps.data(), {}, x.data(), warped.data());
    affine_warp_backward(ws, maps.data(), {}, x.data(), warped_dx.data());
    return std::vector<std::vector<float>>{y, dx, dw, db, pooled, pooled_dx, warped, warped_dx};
  });
}
