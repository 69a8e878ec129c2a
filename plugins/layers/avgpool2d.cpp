// avgpool2d: Keras' AveragePooling2D, the mean of each window (padding excluded from the count, like TensorFlow).
#include "pooling_layer.hpp"

namespace cnnlab::layers {
namespace {

class AvgPool2d final : public Pooling2d {
 public:
  using Pooling2d::Pooling2d;

  std::string type() const override { return "avgpool2d"; }
  std::string keras_class() const override { return "AveragePooling2D"; }
  std::string keras_name() const override { return "average_pooling2d"; }

  void forward(const Tensor&, Tensor&, const StepContext&) override {
    math_not_available(type());
  }
  void backward(const Tensor&, const Tensor&, const Tensor&, Tensor*) override {
    math_not_available(type());
  }
};

}  // namespace

LayerType avgpool2d_type() {
  return {"avgpool2d", [](const Config& cfg) { return std::make_unique<AvgPool2d>(cfg); }};
}

}  // namespace cnnlab::layers
