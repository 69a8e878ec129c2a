// batchnorm: Keras' BatchNormalization over the last axis (channels). gamma and beta are
// trained; moving_mean and moving_variance are statistics, counted by Keras as
// non-trainable parameters.
#include "cnnlab/error.hpp"
#include "layer_support.hpp"

namespace cnnlab::layers {
namespace {

class BatchNorm final : public Layer {
 public:
  explicit BatchNorm(const Config& cfg)
      : momentum_(cfg.get_double("momentum", 0.99)), epsilon_(cfg.get_double("epsilon", 1e-3)) {
    if (!(momentum_ >= 0.0 && momentum_ <= 1.0))
      cfg.fail("momentum", "must be in [0, 1], got " + cfg.get_string("momentum"));
    if (!(epsilon_ > 0.0)) cfg.fail("epsilon", "must be positive, got " + cfg.get_string("epsilon"));
    if (cfg.get_int("axis", -1) != -1)
      cfg.fail("axis", "must be -1 (the channels axis): other axes are not supported");
  }

  std::string type() const override { return "batchnorm"; }
  std::string keras_class() const override { return "BatchNormalization"; }
  std::string keras_name() const override { return "batch_normalization"; }

  Shape build(const Shape& input, Rng&) override {
    if (input.empty()) throw ShapeError("batchnorm expects an input with at least one axis");
    channels_ = input.back();
    gamma_ = make_parameter("gamma", {channels_}, true);
    gamma_.value.fill(1.0f);
    beta_ = make_parameter("beta", {channels_}, true);
    moving_mean_ = make_parameter("moving_mean", {channels_}, false);
    moving_variance_ = make_parameter("moving_variance", {channels_}, false);
    moving_variance_.value.fill(1.0f);
    return input;
  }

  std::vector<Parameter*> parameters() override {
    return {&gamma_, &beta_, &moving_mean_, &moving_variance_};
  }

  void forward(const Tensor&, Tensor&, const StepContext&) override {
    math_not_available(type());
  }
  void backward(const Tensor&, const Tensor&, const Tensor&, Tensor*) override {
    math_not_available(type());
  }

 private:
  double momentum_, epsilon_;
  int64_t channels_ = 0;
  Parameter gamma_, beta_, moving_mean_, moving_variance_;
};

}  // namespace

LayerType batchnorm_type() {
  return {"batchnorm", [](const Config& cfg) { return std::make_unique<BatchNorm>(cfg); }};
}

}  // namespace cnnlab::layers
