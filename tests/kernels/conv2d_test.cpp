// conv2d kernels against the double reference on odd sizes, strides 1 and 2, same and valid
// padding, batch 1 and 7, channels 1/3/5, square and rectangular kernels.
#include "cnnlab/kernels/conv2d.hpp"

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
  Conv2dShape shape;
  std::string name;
};

Case make_case(const reference::Geometry& g) {
  Conv2dShape s;
  s.batch = g.batch;
  s.in_channels = g.in_c;
  s.out_channels = g.out_c;
  s.window = make_window2d(g.in_h, g.in_w, g.k_h, g.k_w, g.stride_h, g.stride_w,
                           g.same ? Padding::same : Padding::valid);
  const std::string name = "N" + std::to_string(g.batch) + " " + std::to_string(g.in_h) + "x" +
                           std::to_string(g.in_w) + "x" + std::to_string(g.in_c) + " k" +
                           std::to_string(g.k_h) + "x" + std::to_string(g.k_w) + " s" +
                           std::to_string(g.stride_h) + "x" + std::to_string(g.stride_w) + " -> " +
                           std::to_string(g.out_c) + (g.same ? " same" : " valid");
  return {g, s, name};
}

// Channels 1/3/5 with every kernel, stride and padding (narrow kernel rows: direct forward and
// weight gradients where built for AVX-512, whole-window unfolding otherwise); then 13 input
// channels, where a 5-wide kernel row (65 floats) makes the kernels unfold by kernel rows,
// including a stride of 2 along the width only and an image lower than the kernel; wide rows
// with vertical strides (whole-window unfolding); then more filters than one register block.
std::vector<Case> cases() {
  std::vector<Case> out;
  uint64_t variant = 0;
  for (bool same : {false, true})
    for (int64_t stride : {1, 2})
      for (auto k : std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {3, 3}, {2, 3}, {5, 5}})
        for (auto bc : std::vector<std::array<int64_t, 3>>{{1, 1, 3}, {7, 3, 5}, {7, 5, 1}}) {
          ++variant;
          out.push_back(make_case({bc[0], 9 + static_cast<int64_t>(variant % 3) * 2 - 2,
                                   11 - static_cast<int64_t>(variant % 2), bc[1], k.first, k.second,
                                   stride, stride, same, bc[2]}));
        }
  for (bool same : {false, true}) {
    out.push_back(make_case({7, 9, 8, 13, 5, 5, 1, 1, same, 4}));
    out.push_back(make_case({1, 7, 11, 13, 3, 5, 1, 2, same, 5}));
    out.push_back(make_case({3, 6, 5, 16, 4, 4, 1, 1, same, 2}));
  }
  out.push_back(make_case({2, 3, 9, 13, 5, 5, 1, 1, true, 3}));
  // Wide kernel rows with a vertical stride: whole-window unfolding.
  out.push_back(make_case({2, 9, 9, 13, 5, 5, 2, 2, true, 4}));
  out.push_back(make_case({3, 10, 7, 16, 4, 4, 3, 1, false, 3}));
  // More filters than one register block of 32 (and not a multiple of 16).
  out.push_back(make_case({3, 7, 6, 2, 3, 3, 2, 1, true, 40}));
  out.push_back(make_case({2, 6, 6, 16, 3, 3, 1, 1, false, 37}));
  return out;
}

size_t input_size(const reference::Geometry& g) { return g.batch * g.in_h * g.in_w * g.in_c; }
size_t output_size(const reference::Geometry& g) {
  return g.batch * g.out_h() * g.out_w() * g.out_c;
}
size_t weight_size(const reference::Geometry& g) { return g.k_h * g.k_w * g.in_c * g.out_c; }
}  // namespace

TEST_CASE("conv2d window geometry matches TensorFlow's", "[kernels][conv2d]") {
  for (const auto& c : cases()) {
    INFO(c.name);
    CHECK(c.shape.window.out_h == c.g.out_h());
    CHECK(c.shape.window.out_w == c.g.out_w());
    CHECK(c.shape.window.pad_top == c.g.pad_top());
    CHECK(c.shape.window.pad_left == c.g.pad_left());
  }
  // Even input, stride 2, k 3: TensorFlow pads 0 before and 1 after.
  const Window2d w = make_window2d(8, 7, 3, 3, 2, 2, Padding::same);
  CHECK(w.out_h == 4);
  CHECK(w.pad_top == 0);
  CHECK(w.out_w == 4);
  CHECK(w.pad_left == 1);
}

TEST_CASE("conv2d_forward matches the reference", "[kernels][conv2d]") {
  uint64_t seed = 100;
  for (const auto& c : cases()) {
    INFO(c.name);
    const auto x = random_values(input_size(c.g), ++seed);
    const auto w = random_values(weight_size(c.g), ++seed);
    const auto bias = random_values(c.g.out_c, ++seed);
    std::vector<float> y(output_size(c.g));
    conv2d_forward(c.shape, x.data(), w.data(), bias.data(), Activation::linear, y.data());
    CHECK(max_relative_error(y, reference::conv2d_forward(c.g, x, w, bias)) < kKernelTolerance);
    conv2d_forward(c.shape, x.data(), w.data(), nullptr, Activation::linear, y.data());
    CHECK(max_relative_error(y, reference::conv2d_forward(c.g, x, w, {})) < kKernelTolerance);
  }
}

TEST_CASE("conv2d_forward applies its fused activation", "[kernels][conv2d]") {
  const Case c = cases()[10];
  const auto x = random_values(input_size(c.g), 1), w = random_values(weight_size(c.g), 2);
  const auto bias = random_values(c.g.out_c, 3);
  std::vector<float> y(output_size(c.g));
  conv2d_forward(c.shape, x.data(), w.data(), bias.data(), Activation::relu, y.data());
  auto want = reference::conv2d_forward(c.g, x, w, bias);
  for (auto& v : want) v = std::max(v, 0.0);
  CHECK(max_relative_error(y, want) < kKernelTolerance);
}

TEST_CASE("conv2d_backward_data matches the reference", "[kernels][conv2d]") {
  uint64_t seed = 200;
  for (const auto& c : cases()) {
    INFO(c.name);
    const auto dy = random_values(output_size(c.g), ++seed);
    const auto w = random_values(weight_size(c.g), ++seed);
    std::vector<float> dx(input_size(c.g), 123.0f);  // must be overwritten
    conv2d_backward_data(c.shape, dy.data(), w.data(), dx.data());
    CHECK(max_relative_error(dx, reference::conv2d_backward_data(c.g, dy, w)) < kKernelTolerance);
  }
}

TEST_CASE("conv2d_backward_weights matches the reference", "[kernels][conv2d]") {
  uint64_t seed = 300;
  for (const auto& c : cases()) {
    INFO(c.name);
    const auto x = random_values(input_size(c.g), ++seed);
    const auto dy = random_values(output_size(c.g), ++seed);
    std::vector<float> dw(weight_size(c.g), 123.0f), db(c.g.out_c, 123.0f);
    conv2d_backward_weights(c.shape, x.data(), dy.data(), dw.data(), db.data());
    const auto want = reference::conv2d_backward_weights(c.g, x, dy);
    CHECK(max_relative_error(dw, want) < kKernelTolerance);
    CHECK(max_relative_error(db, want, dw.size()) < kKernelTolerance);
    conv2d_backward_weights(c.shape, x.data(), dy.data(), dw.data(), nullptr);
    CHECK(max_relative_error(dw, want) < kKernelTolerance);
  }
}

TEST_CASE("conv2d handles batches split over many chunks", "[kernels][conv2d]") {
  // 40 images of a small layer: several parallel chunks and weight-gradient groups.
  reference::Geometry g{40, 6, 5, 2, 3, 3, 1, 1, true, 4};
  Conv2dShape s{g.batch, g.in_c, g.out_c, make_window2d(6, 5, 3, 3, 1, 1, Padding::same)};
  const auto x = random_values(input_size(g), 1), w = random_values(weight_size(g), 2);
  const auto dy = random_values(output_size(g), 3);
  std::vector<float> y(output_size(g)), dx(input_size(g)), dw(weight_size(g)), db(g.out_c);
  conv2d_forward(s, x.data(), w.data(), nullptr, Activation::linear, y.data());
  conv2d_backward_data(s, dy.data(), w.data(), dx.data());
  conv2d_backward_weights(s, x.data(), dy.data(), dw.data(), db.data());
  CHECK(max_relative_error(y, reference::conv2d_forward(g, x, w, {})) < kKernelTolerance);
  CHECK(max_relative_error(dx, reference::conv2d_backward_data(g, dy, w)) < kKernelTolerance);
  const auto want = reference::conv2d_backward_weights(g, x, dy);
  CHECK(max_relative_error(dw, want) < kKernelTolerance);
  CHECK(max_relative_error(db, want, dw.size()) < kKernelTolerance);
}
