#pragma once
// A finite-difference gradient checker for any layer (in the spirit of Caffe's
// GradientChecker and dlib's test_layer), independent of any test framework: it returns what
// it found and leaves asserting to the caller.
//
// The scalar loss L = sum(forward(x) * r), with fixed random weights r, has dL/dout = r, so
// backward(r) must match central differences of L with respect to every input element and
// every trainable parameter element.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/layer.hpp"

namespace cnnlab::testing {

struct GradientCheckOptions {
  double step = 1e-2;  // central-difference step: the forward runs in float
  // An element passes when |numeric - analytic| <= absolute + relative * max(|numeric|,
  // |analytic|).
  double absolute = 2e-3;
  double relative = 1e-2;
  uint64_t seed = 1;          // for r, and the StepContext seed (dropout's mask)
  size_t max_elements = 400;  // per tensor; larger tensors are checked on an even sample
};

// One tensor's outcome: its worst element, the one furthest beyond the tolerance.
struct GradientResult {
  std::string tensor;  // "input" or the parameter's name ("kernel", "bias", ...)
  size_t elements = 0;
  size_t checked = 0;
  size_t worst_index = 0;
  double numeric = 0;
  double analytic = 0;
  double tolerance = 0;  // the allowed error at the worst element
  bool passed = false;
};

// `layer` must be built for x's sample shape; forward runs in training mode. One result for
// the input, then one per trainable parameter in parameters() order; a gradient of other dims
// than its tensor fails with nothing checked. Exceptions of the layer propagate.
CNNLAB_API std::vector<GradientResult> check_gradients(Layer& layer, const Tensor& x,
                                                       const GradientCheckOptions& options = {});

// "FAILED  gradient of kernel[17]: numeric 0.412, analytic 0.398, allowed error 0.0061 (216
// elements, 216 checked)", or "ok      ..." when it passed.
CNNLAB_API std::string describe(const GradientResult& result);

}  // namespace cnnlab::testing
