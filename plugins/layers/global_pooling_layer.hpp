#pragma once
// What globalavgpool2d and globalmaxpool2d share: an image in, one value per channel out
// (Keras' keepdims=False), and the ONNX form Global*Pool + Flatten.
#include <string>

#include "cnnlab/onnx_builder.hpp"
#include "layer_support.hpp"

namespace cnnlab::layers {

class GlobalPooling2d : public Layer {
 public:
  explicit GlobalPooling2d(const Config& cfg) {
    if (cfg.get_bool("keepdims", false))
      cfg.fail("keepdims", "must be false: the output is one value per channel");
  }

  Shape build(const Shape& input, Rng&) override {
    require_image(input, type());
    input_ = input;
    return {input[2]};
  }

  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    const std::string pooled = graph.add_node(onnx_op(), {input});
    return graph.add_node("Flatten", {pooled}, {{"axis", int64_t{1}}});
  }

 protected:
  virtual std::string onnx_op() const = 0;

  GlobalPoolShape shape_of(const Tensor& in) const {
    return {checked_batch(in, input_, type()), input_[0] * input_[1], input_[2]};
  }

  Shape input_;
};

}  // namespace cnnlab::layers
