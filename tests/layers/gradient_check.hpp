#pragma once
// One generic finite-difference gradient checker for every layer (in the spirit of Caffe's
// GradientChecker and dlib's test_layer): the scalar loss L = sum(forward(x) * r) with fixed
// random weights r has dL/dout = r, so backward(r) must match central differences of L with
// respect to every input element and every trainable parameter element.
#include <string>

#include "cnnlab/layer.hpp"

namespace cnnlab::test {

struct GradientCheckOptions {
  double step = 1e-2;  // central-difference step; the forward runs in float
  // |numeric - analytic| <= absolute + relative * max(|numeric|, |analytic|)
  double absolute = 2e-3;
  double relative = 1e-2;
  uint64_t seed = 1;          // for r, and the StepContext seed (dropout's mask)
  size_t max_elements = 400;  // per tensor; larger tensors are checked on an even sample
};

// `layer` must be built for x's sample shape; forward runs in training mode. Reports through
// Catch: one CHECK per tensor ("input", "kernel", ...) naming its worst element.
void check_gradients(Layer& layer, const Tensor& x, const GradientCheckOptions& options = {});

}  // namespace cnnlab::test
