// activation: Keras' Activation layer, an element-wise function (softmax over the last axis).
#include "layer_support.hpp"

namespace cnnlab::layers {
namespace {

class ActivationLayer final : public Layer {
 public:
  explicit ActivationLayer(const Config& cfg) : activation_(read_activation(cfg, true)) {}

  std::string type() const override { return "activation"; }
  std::string keras_class() const override { return "Activation"; }
  std::string keras_name() const override { return "activation"; }

  Shape build(const Shape& input, Rng&) override { return input; }

  void forward(const Tensor&, Tensor&, const StepContext&) override {
    math_not_available(type());
  }
  void backward(const Tensor&, const Tensor&, const Tensor&, Tensor*) override {
    math_not_available(type());
  }

  bool defer_softmax() override {
    if (activation_ != Activation::softmax) return false;
    activation_ = Activation::linear;
    return true;
  }

 private:
  Activation activation_;
};

}  // namespace

LayerType activation_type() {
  return {"activation", [](const Config& cfg) { return std::make_unique<ActivationLayer>(cfg); }};
}

}  // namespace cnnlab::layers
