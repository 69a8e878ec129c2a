#pragma once
// What the built-in layer types share beyond the SDK's layer utilities and initialisers:
// their factories and the activation fused into the conv2d and dense kernels. Internal to the
// cnnlab_layers plugin.
#include <memory>
#include <string>
#include <utility>

#include "cnnlab/init.hpp"
#include "cnnlab/kernels.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/layer_utils.hpp"
#include "cnnlab/plugin.hpp"

namespace cnnlab::layers {

// The factory entry of layer class L under its L::kType, so each layer spells its type name
// once (type() returns the same constant).
template <class L>
LayerType layer_type() {
  return {L::kType, [](const Config& cfg) { return std::make_unique<L>(cfg); }};
}

// The factory of each layer type, one per source file; plugin.cpp lists them.
LayerType conv2d_type();
LayerType maxpool2d_type();
LayerType avgpool2d_type();
LayerType dense_type();
LayerType flatten_type();
LayerType dropout_type();
LayerType batchnorm_type();
LayerType activation_type();
LayerType globalavgpool2d_type();
LayerType globalmaxpool2d_type();
LayerType depthwise_conv2d_type();

// The window of a convolution kernel over the image `input`; a ShapeError naming `type` when
// the input is no image or the kernel does not fit it (conv2d, depthwise_conv2d).
Window2d kernel_window(const Shape& input, const std::string& type,
                       std::pair<int64_t, int64_t> kernel, std::pair<int64_t, int64_t> strides,
                       Padding padding);

// conv2d and dense fuse their activation into the kernel when its derivative follows from the
// output; gelu and swish need the pre-activation, which the layer keeps in `pre`.
// The activation the kernel applies: f, or linear for those two.
Activation fused_activation(Activation f);
// After the kernel wrote `out` with fused_activation(f): for gelu and swish, `out` becomes
// `pre` and f(pre) is written to `out`. cols is the size of the last axis.
void finish_activation(Activation f, int64_t cols, Tensor& out, Tensor& pre);
// dL/d(pre-activation) from dL/d(out): grad_out itself for linear, else written to grad_z.
const float* pre_activation_grad(Activation f, int64_t cols, const Tensor& pre, const Tensor& out,
                                 const Tensor& grad_out, Tensor& grad_z);

}  // namespace cnnlab::layers
