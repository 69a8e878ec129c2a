// depthwise_conv2d kernels against the double conv2d reference: a depthwise convolution is a
// full one whose kernel is block-diagonal (input channel c feeds only outputs c * M + j).
#include "cnnlab/kernels/depthwise_conv2d.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "kernel_test_support.hpp"
#include "reference.hpp"

using namespace cnnlab;
using cnnlab::test::kKernelTolerance;
using cnnlab::test::max_relative_error;
using cnnlab::test::random_values;

namespace {

// The full HWIO kernel {kh, kw, C, C * M} equivalent to the depthwise one {kh, kw, C, M}.
std::vector<float> block_diagonal(const reference::Geometry& g, int64_t m,
                                  const std::vector<float>& w) {
  std::vector<float> full(static_cast<size_t>(g.k_h * g.k_w * g.in_c * g.out_c), 0.0f);
  for (int64_t t = 0; t < g.k_h * g.k_w; ++t)
    for (int64_t c = 0; c < g.in_c; ++c)
      for (int64_t j = 0; j < m; ++j)
        full[static_cast<size_t>((t * g.in_c + c) * g.out_c + c * m + j)] =
            w[static_cast<size_t>((t * g.in_c + c) * m + j)];
  return full;
}

}  // namespace

TEST_CASE("depthwise_conv2d kernels match the block-diagonal full convolution",
          "[kernels][depthwise]") {
  for (bool same : {false, true})
    for (int64_t stride : {1, 2})
      for (int64_t m : {1, 3})
        for (int64_t c : {1, 5}) {
          const int64_t batch = 11;  // more than one weight-gradient group
          reference::Geometry g{batch, 9, 8, c, 3, 2, stride, stride, same, c * m};
          INFO("same " << same << " stride " << stride << " multiplier " << m << " channels " << c);
          const DepthwiseConv2dShape s{
              batch, c, m,
              make_window2d(9, 8, 3, 2, stride, stride, same ? Padding::same : Padding::valid)};
          const int64_t out = batch * s.window.out_h * s.window.out_w * c * m;
          const auto x = random_values(static_cast<size_t>(batch * 9 * 8 * c), 1);
          const auto w = random_values(static_cast<size_t>(3 * 2 * c * m), 2);
          const auto bias = random_values(static_cast<size_t>(c * m), 3);
          const auto dy = random_values(static_cast<size_t>(out), 4);
          const auto full = block_diagonal(g, m, w);

          std::vector<float> y(static_cast<size_t>(out));
          depthwise_conv2d_forward(s, x.data(), w.data(), bias.data(), Activation::linear,
                                   y.data());
          CHECK(max_relative_error(y, reference::conv2d_forward(g, x, full, bias)) <
                kKernelTolerance);

          std::vector<float> dx(x.size());
          depthwise_conv2d_backward_data(s, dy.data(), w.data(), dx.data());
          CHECK(max_relative_error(dx, reference::conv2d_backward_data(g, dy, full)) <
                kKernelTolerance);

          std::vector<float> dw(w.size()), db(bias.size());
          depthwise_conv2d_backward_weights(s, x.data(), dy.data(), dw.data(), db.data());
          const auto want = reference::conv2d_backward_weights(g, x, dy);
          std::vector<double> dw_want(w.size());
          for (int64_t t = 0; t < 3 * 2; ++t)
            for (int64_t ci = 0; ci < c; ++ci)
              for (int64_t j = 0; j < m; ++j)
                dw_want[static_cast<size_t>((t * c + ci) * m + j)] =
                    want[static_cast<size_t>((t * c + ci) * c * m + ci * m + j)];
          CHECK(max_relative_error(dw, dw_want) < kKernelTolerance);
          CHECK(max_relative_error(db, want, full.size()) < kKernelTolerance);
        }
}
