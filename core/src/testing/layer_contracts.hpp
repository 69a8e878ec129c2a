#pragma once
// The clauses of check_layer() (layer_check.hpp), one function each, on a shared subject.
#include <memory>
#include <string>

#include "cnnlab/testing/layer_check.hpp"

namespace cnnlab::testing {

struct Subject {
  const LayerFactory& make;
  const Tensor& x;
  std::string type;  // the layer's type(), set by check_build
  Shape input;       // x's sample shape
  Shape output;      // what build() returned, set by check_build
  const LayerCheckOptions& options;
};

struct Verdict {
  bool passed;
  std::string detail;
};

// A layer from the factory, built for the subject's input with `seed`, its constant trainable
// parameters moved off their constant.
std::shared_ptr<Layer> prepared_layer(const Subject& s, uint64_t seed);
void move_off_constants(Layer& layer, uint64_t seed);

Verdict check_build(Subject& s);
Verdict check_parameters(const Subject& s);
Verdict check_output_shape(const Subject& s);
Verdict check_determinism(const Subject& s);
Verdict check_training_and_inference(const Subject& s);
Verdict check_threads(const Subject& s);
Verdict check_backward(const Subject& s);
Verdict check_round_trip(const Subject& s);

}  // namespace cnnlab::testing
