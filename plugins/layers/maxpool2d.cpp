// maxpool2d: Keras' MaxPooling2D, the largest value of each window.
#include "pooling_layer.hpp"

namespace cnnlab::layers {
namespace {

class MaxPool2d final : public Pooling2d {
 public:
  using Pooling2d::Pooling2d;

  std::string type() const override { return "maxpool2d"; }
  std::string keras_class() const override { return "MaxPooling2D"; }
  std::string keras_name() const override { return "max_pooling2d"; }

  void forward(const Tensor&, Tensor&, const StepContext&) override {
    math_not_available(type());
  }
  void backward(const Tensor&, const Tensor&, const Tensor&, Tensor*) override {
    math_not_available(type());
  }
};

}  // namespace

LayerType maxpool2d_type() {
  return {"maxpool2d", [](const Config& cfg) { return std::make_unique<MaxPool2d>(cfg); }};
}

}  // namespace cnnlab::layers
