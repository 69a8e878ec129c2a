// conv2d: Keras' Conv2D on NHWC images, kernel HWIO {kh, kw, in, filters}, optional bias and
// fused activation.
#include "layer_support.hpp"
#include "onnx_support.hpp"

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

  static constexpr const char* kType = "conv2d";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "Conv2D"; }
  std::string keras_name() const override { return "conv2d"; }

  Shape build(const Shape& input, Rng& init) override {
    window_ = kernel_window(input, type(), kernel_, strides_, padding_);
    input_ = input;
    kernel_param_ =
        make_parameter("kernel", {kernel_.first, kernel_.second, input[2], filters_}, true);
    const int64_t area = kernel_.first * kernel_.second;
    glorot_uniform(kernel_param_.value, area * input[2], area * filters_, init);
    if (use_bias_) bias_param_ = make_parameter("bias", {filters_}, true);
    return {window_.out_h, window_.out_w, filters_};
  }

  std::vector<Parameter*> parameters() override {
    if (use_bias_) return {&kernel_param_, &bias_param_};
    return {&kernel_param_};
  }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    const Conv2dShape s = shape_of(in);
    out.resize({s.batch, window_.out_h, window_.out_w, filters_});
    conv2d_forward(s, in.data(), kernel_param_.value.data(),
                   use_bias_ ? bias_param_.value.data() : nullptr, fused_activation(activation_),
                   out.data());
    finish_activation(activation_, filters_, out, pre_);
  }

  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override {
    const Conv2dShape s = shape_of(in);
    const float* dz = pre_activation_grad(activation_, filters_, pre_, out, grad_out, grad_z_);
    conv2d_backward_weights(s, in.data(), dz, kernel_param_.grad.data(),
                            use_bias_ ? bias_param_.grad.data() : nullptr);
    if (!grad_in) return;
    grad_in->resize(in.dims());
    conv2d_backward_data(s, dz, kernel_param_.value.data(), grad_in->data());
  }

  bool defer_softmax() override {
    if (activation_ != Activation::softmax) return false;
    activation_ = Activation::linear;
    return true;
  }

  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    std::vector<std::string> inputs{
        input, graph.add_constant("kernel", hwio_to_oihw(kernel_param_.value))};
    if (use_bias_) inputs.push_back(graph.add_constant("bias", bias_param_.value));
    return onnx_activation(graph, activation_,
                           graph.add_node("Conv", inputs, onnx_window(window_)));
  }

 private:
  Conv2dShape shape_of(const Tensor& in) const {
    return {checked_batch(in, input_, type()), input_[2], filters_, window_};
  }

  int64_t filters_;
  std::pair<int64_t, int64_t> kernel_, strides_;
  Padding padding_;
  Activation activation_;
  bool use_bias_;
  Shape input_;
  Window2d window_;
  Parameter kernel_param_, bias_param_;
  Tensor grad_z_;  // dL/d(pre-activation), reused batch after batch
  Tensor pre_;     // gelu and swish: the pre-activation, kept for backward
};

}  // namespace

LayerType conv2d_type() { return layer_type<Conv2d>(); }

}  // namespace cnnlab::layers
