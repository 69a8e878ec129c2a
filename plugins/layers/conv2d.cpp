// conv2d: Keras' Conv2D on NHWC images, kernel HWIO {kh, kw, in, filters}, optional bias and
// fused activation.
#include "cnnlab/error.hpp"
#include "layer_support.hpp"

namespace cnnlab::layers {
namespace {

class Conv2d final : public Layer {
 public:
  explicit Conv2d(const Config& cfg)
      : filters_(read_positive_int(cfg, "filters")),
        kernel_(read_positive_pair(cfg, "kernel_size")),
        strides_(read_positive_pair(cfg, "strides", std::make_pair(1, 1))),
        padding_(read_padding(cfg)),
        activation_(read_activation(cfg)),
        use_bias_(cfg.get_bool("use_bias", true)) {}

  std::string type() const override { return "conv2d"; }
  std::string keras_class() const override { return "Conv2D"; }
  std::string keras_name() const override { return "conv2d"; }

  Shape build(const Shape& input, Rng& init) override {
    require_image(input, "conv2d");
    window_ = make_window2d(input[0], input[1], kernel_.first, kernel_.second, strides_.first,
                            strides_.second, padding_);
    if (window_.out_h <= 0 || window_.out_w <= 0)
      throw ShapeError("conv2d: kernel " + std::to_string(kernel_.first) + "x" +
                       std::to_string(kernel_.second) + " does not fit input " +
                       shape_to_string(input) + " with padding 'valid'");
    in_channels_ = input[2];
    kernel_param_ =
        make_parameter("kernel", {kernel_.first, kernel_.second, in_channels_, filters_}, true);
    const int64_t area = kernel_.first * kernel_.second;
    glorot_uniform(kernel_param_.value, area * in_channels_, area * filters_, init);
    if (use_bias_) bias_param_ = make_parameter("bias", {filters_}, true);
    return {window_.out_h, window_.out_w, filters_};
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
  int64_t filters_;
  std::pair<int64_t, int64_t> kernel_, strides_;
  Padding padding_;
  Activation activation_;
  bool use_bias_;
  int64_t in_channels_ = 0;
  Window2d window_;
  Parameter kernel_param_, bias_param_;
};

}  // namespace

LayerType conv2d_type() {
  return {"conv2d", [](const Config& cfg) { return std::make_unique<Conv2d>(cfg); }};
}

}  // namespace cnnlab::layers
