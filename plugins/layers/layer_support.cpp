#include "layer_support.hpp"

#include <utility>

namespace cnnlab::layers {

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
