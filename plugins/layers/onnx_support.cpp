#include "onnx_support.hpp"

#include <algorithm>

#include "cnnlab/error.hpp"

namespace cnnlab::layers {

namespace {

std::string scalar_constant(OnnxBuilder& graph, const std::string& name, float value) {
  Tensor t({1});
  t[0] = value;
  return graph.add_constant(name, t);
}

// Opset 13 has no Gelu (it came with opset 20): x * 0.5 * (1 + erf(x / sqrt(2))).
std::string onnx_gelu(OnnxBuilder& graph, const std::string& x) {
  const std::string scaled =
      graph.add_node("Mul", {x, scalar_constant(graph, "gelu_inv_sqrt2", 0.70710678118654752f)});
  const std::string one_plus_erf = graph.add_node(
      "Add", {graph.add_node("Erf", {scaled}), scalar_constant(graph, "gelu_one", 1.0f)});
  const std::string half_x = graph.add_node("Mul", {x, scalar_constant(graph, "gelu_half", 0.5f)});
  return graph.add_node("Mul", {half_x, one_plus_erf});
}

}  // namespace

std::string onnx_activation(OnnxBuilder& graph, Activation f, const std::string& x) {
  switch (f) {
    case Activation::linear:
      return x;
    case Activation::relu:
      return graph.add_node("Relu", {x});
    case Activation::sigmoid:
      return graph.add_node("Sigmoid", {x});
    case Activation::tanh:
      return graph.add_node("Tanh", {x});
    case Activation::softmax:
      return graph.add_node("Softmax", {x}, {{"axis", int64_t{1}}});
    case Activation::leaky_relu:
      return graph.add_node("LeakyRelu", {x}, {{"alpha", kLeakyReluSlope}});
    case Activation::elu:
      return graph.add_node("Elu", {x}, {{"alpha", kEluAlpha}});
    case Activation::gelu:
      return onnx_gelu(graph, x);
    case Activation::swish:
      return graph.add_node("Mul", {x, graph.add_node("Sigmoid", {x})});
  }
  throw Error("this activation has no ONNX form");
}

std::vector<OnnxAttribute> onnx_window(const Window2d& w) {
  const int64_t pad_bottom =
      std::max<int64_t>(0, (w.out_h - 1) * w.stride_h + w.k_h - w.in_h - w.pad_top);
  const int64_t pad_right =
      std::max<int64_t>(0, (w.out_w - 1) * w.stride_w + w.k_w - w.in_w - w.pad_left);
  return {{"kernel_shape", std::vector<int64_t>{w.k_h, w.k_w}},
          {"strides", std::vector<int64_t>{w.stride_h, w.stride_w}},
          {"pads", std::vector<int64_t>{w.pad_top, w.pad_left, pad_bottom, pad_right}}};
}

Tensor hwio_to_oihw(const Tensor& kernel) {
  const int64_t kh = kernel.dim(0), kw = kernel.dim(1), in = kernel.dim(2), out = kernel.dim(3);
  Tensor oihw({out, in, kh, kw});
  for (int64_t y = 0; y < kh; ++y)
    for (int64_t x = 0; x < kw; ++x)
      for (int64_t i = 0; i < in; ++i)
        for (int64_t o = 0; o < out; ++o)
          oihw[((o * in + i) * kh + y) * kw + x] = kernel[((y * kw + x) * in + i) * out + o];
  return oihw;
}

Tensor transposed_matrix(const Tensor& kernel) {
  const int64_t rows = kernel.dim(0), cols = kernel.dim(1);
  Tensor t({cols, rows});
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) t[c * rows + r] = kernel[r * cols + c];
  return t;
}

}  // namespace cnnlab::layers
