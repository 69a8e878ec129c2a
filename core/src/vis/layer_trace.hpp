#pragma once
// The model's layers run one by one as in inference, keeping every output (Model::forward
// keeps them private) and, backwards, the gradient reaching the input.
#include <vector>

#include "cnnlab/host/model.hpp"

namespace cnnlab::vis {

// outputs[i] is layer i's output for x.
std::vector<Tensor> trace_forward(const Model& model, const Tensor& x);

// d(output . grad_output) / dx after trace_forward(model, x) returned `outputs`.
Tensor input_gradient(const Model& model, const Tensor& x, const std::vector<Tensor>& outputs,
                      const Tensor& grad_output);

// Softmax of the last output when the model gives logits.
std::vector<double> class_probabilities(const Model& model, const Tensor& last_output);

}  // namespace cnnlab::vis
