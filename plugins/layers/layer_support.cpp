#include "layer_support.hpp"

#include <string>
#include <utility>

#include "cnnlab/error.hpp"

namespace cnnlab::layers {

Window2d kernel_window(const Shape& input, const std::string& type,
                       std::pair<int64_t, int64_t> kernel, std::pair<int64_t, int64_t> strides,
                       Padding padding) {
  require_image(input, type);
  const Window2d w = make_window2d(input[0], input[1], kernel.first, kernel.second, strides.first,
                                   strides.second, padding);
  if (w.out_h <= 0 || w.out_w <= 0)
    throw ShapeError(type + ": kernel " + std::to_string(kernel.first) + "x" +
                     std::to_string(kernel.second) + " does not fit input " +
                     shape_to_string(input) + " with padding 'valid'");
  return w;
}

Activation fused_activation(Activation f) {
  return activation_needs_input(f) ? Activation::linear : f;
}

void finish_activation(Activation f, int64_t cols, Tensor& out, Tensor& pre) {
  if (!activation_needs_input(f)) return;
  std::swap(out, pre);
  out.resize(pre.dims());
  activation_forward(f, static_cast<int64_t>(pre.size()) / cols, cols, pre.data(), out.data());
}

const float* pre_activation_grad(Activation f, int64_t cols, const Tensor& pre, const Tensor& out,
                                 const Tensor& grad_out, Tensor& grad_z) {
  if (f == Activation::linear) return grad_out.data();
  grad_z.resize(out.dims());
  if (activation_needs_input(f))
    activation_backward_from_input(f, static_cast<int64_t>(pre.size()), pre.data(), grad_out.data(),
                                   grad_z.data());
  else
    activation_backward(f, static_cast<int64_t>(out.size()) / cols, cols, out.data(),
                        grad_out.data(), grad_z.data());
  return grad_z.data();
}

}  // namespace cnnlab::layers
