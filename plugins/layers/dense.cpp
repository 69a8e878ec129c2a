// dense: Keras' Dense, kernel {in, units}, optional bias and fused activation. Like Keras it
// applies to the last axis of its input, so a rank-3 input gives a rank-3 output.
#include "cnnlab/error.hpp"
#include "layer_support.hpp"

namespace cnnlab::layers {
namespace {

class Dense final : public Layer {
 public:
  explicit Dense(const Config& cfg)
      : units_(read_positive_int(cfg, "units")),
        activation_(read_activation(cfg)),
        use_bias_(cfg.get_bool("use_bias", true)) {}

  std::string type() const override { return "dense"; }
  std::string keras_class() const override { return "Dense"; }
  std::string keras_name() const override { return "dense"; }

  Shape build(const Shape& input, Rng& init) override {
    if (input.empty()) throw ShapeError("dense expects an input with at least one axis");
    in_features_ = input.back();
    kernel_param_ = make_parameter("kernel", {in_features_, units_}, true);
    glorot_uniform(kernel_param_.value, in_features_, units_, init);
    if (use_bias_) bias_param_ = make_parameter("bias", {units_}, true);
    Shape output = input;
    output.back() = units_;
    return output;
  }

  std::vector<Parameter*> parameters() override {
    if (use_bias_) return {&kernel_param_, &bias_param_};
    return {&kernel_param_};
  }

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
  int64_t units_;
  Activation activation_;
  bool use_bias_;
  int64_t in_features_ = 0;
  Parameter kernel_param_, bias_param_;
};

}  // namespace

LayerType dense_type() {
  return {"dense", [](const Config& cfg) { return std::make_unique<Dense>(cfg); }};
}

}  // namespace cnnlab::layers
