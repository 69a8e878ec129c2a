#include "layer_trace.hpp"

#include <algorithm>
#include <cmath>

namespace cnnlab::vis {

namespace {

// The built-in layers that compute another function in training: dropout masks, batch
// normalization uses the batch's statistics. Every other layer computes the same function in
// both modes, and its backward needs the bookkeeping of a training forward (pooling's argmax).
// Both are affine per element in inference mode, so their slope is out(1) - out(0): exact,
// and found with the layer's own forward.
bool differs_in_training(const Layer& layer) {
  const std::string type = layer.type();
  return type == "batchnorm" || type == "dropout";
}

void affine_backward(Layer& layer, const Tensor& in, const Tensor& grad_out, Tensor& grad_in) {
  const StepContext inference;
  Tensor ones(in.dims()), zeros(in.dims()), at_one, at_zero;
  ones.fill(1.0f);
  layer.forward(ones, at_one, inference);
  layer.forward(zeros, at_zero, inference);
  grad_in.resize(in.dims());
  for (size_t i = 0; i < in.size(); ++i) grad_in[i] = grad_out[i] * (at_one[i] - at_zero[i]);
}

}  // namespace

std::vector<Tensor> trace_forward(const Model& model, const Tensor& x) {
  std::vector<Tensor> outputs(model.layers().size());
  const Tensor* in = &x;
  for (size_t i = 0; i < outputs.size(); ++i) {
    Layer& layer = *model.layers()[i].layer;
    StepContext ctx;
    ctx.training = !differs_in_training(layer);
    layer.forward(*in, outputs[i], ctx);
    in = &outputs[i];
  }
  return outputs;
}

Tensor input_gradient(const Model& model, const Tensor& x, const std::vector<Tensor>& outputs,
                      const Tensor& grad_output) {
  Tensor grad = grad_output, grad_in;
  for (size_t i = outputs.size(); i-- > 0;) {
    Layer& layer = *model.layers()[i].layer;
    const Tensor& in = i == 0 ? x : outputs[i - 1];
    if (differs_in_training(layer))
      affine_backward(layer, in, grad, grad_in);
    else
      layer.backward(in, outputs[i], grad, &grad_in);
    std::swap(grad, grad_in);
  }
  return grad;
}

std::vector<double> class_probabilities(const Model& model, const Tensor& last_output) {
  std::vector<double> p(last_output.data(), last_output.data() + last_output.size());
  if (!model.outputs_logits()) return p;
  const double top = *std::max_element(p.begin(), p.end());
  double sum = 0.0;
  for (double& v : p) sum += v = std::exp(v - top);
  for (double& v : p) v /= sum;
  return p;
}

}  // namespace cnnlab::vis
