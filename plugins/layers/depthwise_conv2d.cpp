// depthwise_conv2d: Keras' DepthwiseConv2D on NHWC images, depthwise_kernel
// {kh, kw, channels, depth_multiplier}, optional bias and activation.
#include "layer_support.hpp"
#include "onnx_support.hpp"

namespace cnnlab::layers {
namespace {

class DepthwiseConv2d final : public Layer {
 public:
  explicit DepthwiseConv2d(const Config& cfg)
      : kernel_(read_positive_pair(cfg, "kernel_size")),
        strides_(read_positive_pair(cfg, "strides", std::make_pair(1, 1))),
        padding_(read_padding(cfg)),
        multiplier_(cfg.get_int("depth_multiplier", 1)),
        activation_(read_activation(cfg)),
        use_bias_(cfg.get_bool("use_bias", true)) {
    if (multiplier_ <= 0)
      cfg.fail("depth_multiplier",
               "must be a positive integer, got " + std::to_string(multiplier_));
  }

  static constexpr const char* kType = "depthwise_conv2d";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "DepthwiseConv2D"; }
  std::string keras_name() const override { return "depthwise_conv2d"; }

  Shape build(const Shape& input, Rng& init) override {
    window_ = kernel_window(input, type(), kernel_, strides_, padding_);
    input_ = input;
    out_channels_ = input[2] * multiplier_;
    kernel_param_ = make_parameter("depthwise_kernel",
                                   {kernel_.first, kernel_.second, input[2], multiplier_}, true);
    // Keras' fans for a {kh, kw, in, multiplier} kernel.
    const int64_t area = kernel_.first * kernel_.second;
    glorot_uniform(kernel_param_.value, area * input[2], area * multiplier_, init);
    if (use_bias_) bias_param_ = make_parameter("bias", {out_channels_}, true);
    return {window_.out_h, window_.out_w, out_channels_};
  }

  std::vector<Parameter*> parameters() override {
    if (use_bias_) return {&kernel_param_, &bias_param_};
    return {&kernel_param_};
  }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    const DepthwiseConv2dShape s = shape_of(in);
    out.resize({s.batch, window_.out_h, window_.out_w, out_channels_});
    depthwise_conv2d_forward(s, in.data(), kernel_param_.value.data(),
                             use_bias_ ? bias_param_.value.data() : nullptr,
                             fused_activation(activation_), out.data());
    finish_activation(activation_, out_channels_, out, pre_);
  }

  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override {
    const DepthwiseConv2dShape s = shape_of(in);
    const float* dz = pre_activation_grad(activation_, out_channels_, pre_, out, grad_out, grad_z_);
    depthwise_conv2d_backward_weights(s, in.data(), dz, kernel_param_.grad.data(),
                                      use_bias_ ? bias_param_.grad.data() : nullptr);
    if (!grad_in) return;
    grad_in->resize(in.dims());
    depthwise_conv2d_backward_data(s, dz, kernel_param_.value.data(), grad_in->data());
  }

  // Conv with one group per input channel: the {kh, kw, C, M} kernel read as HWIO
  // {kh, kw, 1, C * M} is already in output-channel order c * M + j.
  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    Tensor kernel = kernel_param_.value;
    kernel.resize({kernel_.first, kernel_.second, 1, out_channels_});
    std::vector<std::string> inputs{input, graph.add_constant("kernel", hwio_to_oihw(kernel))};
    if (use_bias_) inputs.push_back(graph.add_constant("bias", bias_param_.value));
    std::vector<OnnxAttribute> attributes = onnx_window(window_);
    attributes.push_back({"group", input_[2]});
    return onnx_activation(graph, activation_, graph.add_node("Conv", inputs, attributes));
  }

  bool defer_softmax() override {
    if (activation_ != Activation::softmax) return false;
    activation_ = Activation::linear;
    return true;
  }

 private:
  DepthwiseConv2dShape shape_of(const Tensor& in) const {
    return {checked_batch(in, input_, type()), input_[2], multiplier_, window_};
  }

  std::pair<int64_t, int64_t> kernel_, strides_;
  Padding padding_;
  int64_t multiplier_;
  Activation activation_;
  bool use_bias_;
  Shape input_;
  Window2d window_;
  int64_t out_channels_ = 0;
  Parameter kernel_param_, bias_param_;
  Tensor grad_z_;  // dL/d(pre-activation), reused batch after batch
  Tensor pre_;     // gelu and swish: the pre-activation, kept for backward
};

}  // namespace

LayerType depthwise_conv2d_type() { return layer_type<DepthwiseConv2d>(); }

}  // namespace cnnlab::layers
