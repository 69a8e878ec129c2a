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
    if (!(epsilon_ > 0.0))
      cfg.fail("epsilon", "must be positive, got " + cfg.get_string("epsilon"));
    if (cfg.get_int("axis", -1) != -1)
      cfg.fail("axis", "must be -1 (the channels axis): other axes are not supported");
  }

  static constexpr const char* kType = "batchnorm";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "BatchNormalization"; }
  std::string keras_name() const override { return "batch_normalization"; }

  Shape build(const Shape& input, Rng&) override {
    if (input.empty()) throw ShapeError("batchnorm expects an input with at least one axis");
    channels_ = input.back();
    if (channels_ <= 0)
      throw ShapeError("batchnorm expects a non-empty last axis, got " + shape_to_string(input));
    input_ = input;
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

  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override {
    const BatchNormShape s = shape_of(in);
    out.resize(in.dims());
    const auto eps = static_cast<float>(epsilon_);
    if (!ctx.training) {
      batchnorm_forward_inference(s, in.data(), gamma_.value.data(), beta_.value.data(),
                                  moving_mean_.value.data(), moving_variance_.value.data(), eps,
                                  out.data());
      return;
    }
    batch_mean_.resize({channels_});
    batch_inv_std_.resize({channels_});
    batchnorm_forward_training(s, in.data(), gamma_.value.data(), beta_.value.data(), eps,
                               static_cast<float>(momentum_), moving_mean_.value.data(),
                               moving_variance_.value.data(), batch_mean_.data(),
                               batch_inv_std_.data(), out.data());
  }

  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    const BatchNormShape s = shape_of(in);
    // Without grad_in the input gradient is still computed into scratch: the same pass
    // yields gamma's and beta's.
    Tensor& dx = grad_in ? *grad_in : grad_in_scratch_;
    dx.resize(in.dims());
    batchnorm_backward(s, in.data(), grad_out.data(), gamma_.value.data(), batch_mean_.data(),
                       batch_inv_std_.data(), dx.data(), gamma_.grad.data(), beta_.grad.data());
  }

  // The inference form: moving statistics. The channels are ONNX's axis 1 for a flat input
  // and for an NCHW image, not for other ranks.
  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    if (input_.size() != 1 && input_.size() != 3)
      throw ShapeError("batchnorm: ONNX export takes a flat input or an image, got " +
                       shape_to_string(input_));
    return graph.add_node(
        "BatchNormalization",
        {input, graph.add_constant("gamma", gamma_.value), graph.add_constant("beta", beta_.value),
         graph.add_constant("moving_mean", moving_mean_.value),
         graph.add_constant("moving_variance", moving_variance_.value)},
        {{"epsilon", static_cast<float>(epsilon_)}});
  }

 private:
  // Every axis but the last (batch included) is a row.
  BatchNormShape shape_of(const Tensor& in) const {
    checked_batch(in, input_, type());
    return {static_cast<int64_t>(in.size()) / channels_, channels_};
  }

  double momentum_, epsilon_;
  int64_t channels_ = 0;
  Shape input_;
  Parameter gamma_, beta_, moving_mean_, moving_variance_;
  // Statistics of the last training batch, for backward.
  Tensor batch_mean_, batch_inv_std_;
  Tensor grad_in_scratch_;
};

}  // namespace

LayerType batchnorm_type() { return layer_type<BatchNorm>(); }

}  // namespace cnnlab::layers
