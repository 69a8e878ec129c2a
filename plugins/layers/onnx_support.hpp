#pragma once
// What several layer types share in their ONNX form (Layer::export_onnx). Internal to the
// cnnlab_layers plugin.
#include <string>
#include <vector>

#include "cnnlab/kernels.hpp"
#include "cnnlab/onnx_builder.hpp"

namespace cnnlab::layers {

// The activation applied to `x` (NCHW images: softmax over axis 1, the channels, as cnnlab's
// softmax over the last NHWC axis); `x` itself for linear.
std::string onnx_activation(OnnxBuilder& graph, Activation f, const std::string& x);

// kernel_shape, strides and pads of Conv / MaxPool / AveragePool for cnnlab's window: Keras'
// `same` puts the odd padding pixel at the bottom and right, so pads may be asymmetric.
std::vector<OnnxAttribute> onnx_window(const Window2d& w);

// A conv2d kernel from cnnlab's HWIO {kh, kw, in, out} to ONNX's OIHW {out, in, kh, kw}.
Tensor hwio_to_oihw(const Tensor& kernel);

// A dense kernel {in, out} as {out, in}, for Gemm with transB = 1: the form PyTorch exports and
// the only one OpenCV 4.6's Gemm import takes with a bias.
Tensor transposed_matrix(const Tensor& kernel);

}  // namespace cnnlab::layers
