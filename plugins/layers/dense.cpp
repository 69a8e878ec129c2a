// dense: Keras' Dense, kernel {in, units}, optional bias and fused activation. Like Keras it
// applies to the last axis of its input, so a rank-3 input gives a rank-3 output.
#include "cnnlab/error.hpp"
#include "layer_support.hpp"
#include "onnx_support.hpp"

namespace cnnlab::layers {
namespace {

class Dense final : public Layer {
 public:
  explicit Dense(const Config& cfg)
      : units_(read_positive_int(cfg, "units")),
        activation_(read_activation(cfg)),
        use_bias_(cfg.get_bool("use_bias", true)) {}

  static constexpr const char* kType = "dense";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "Dense"; }
  std::string keras_name() const override { return "dense"; }

  Shape build(const Shape& input, Rng& init) override {
    if (input.empty()) throw ShapeError("dense expects an input with at least one axis");
    in_features_ = input.back();
    if (in_features_ <= 0)
      throw ShapeError("dense expects a non-empty last axis, got " + shape_to_string(input));
    kernel_param_ = make_parameter("kernel", {in_features_, units_}, true);
    glorot_uniform(kernel_param_.value, in_features_, units_, init);
    if (use_bias_) bias_param_ = make_parameter("bias", {units_}, true);
    input_ = input;
    output_ = input;
    output_.back() = units_;
    return output_;
  }

  std::vector<Parameter*> parameters() override {
    if (use_bias_) return {&kernel_param_, &bias_param_};
    return {&kernel_param_};
  }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    const int64_t batch = checked_batch(in, input_, type());
    out.resize(batch_dims(batch, output_));
    dense_forward(shape_of(in), in.data(), kernel_param_.value.data(),
                  use_bias_ ? bias_param_.value.data() : nullptr, fused_activation(activation_),
                  out.data());
    finish_activation(activation_, units_, out, pre_);
  }

  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override {
    const DenseShape s = shape_of(in);
    const float* dz = pre_activation_grad(activation_, units_, pre_, out, grad_out, grad_z_);
    dense_backward_weights(s, in.data(), dz, kernel_param_.grad.data(),
                           use_bias_ ? bias_param_.grad.data() : nullptr);
    if (!grad_in) return;
    grad_in->resize(in.dims());
    dense_backward_data(s, dz, kernel_param_.value.data(), grad_in->data());
  }

  bool defer_softmax() override {
    if (activation_ != Activation::softmax) return false;
    activation_ = Activation::linear;
    return true;
  }

  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    // Gemm multiplies the last axis only for a flat input; on an image the NCHW graph layout
    // would put the channels elsewhere.
    if (input_.size() != 1)
      throw ShapeError("dense: ONNX export takes a flat input only, got " +
                       shape_to_string(input_) + " (add a flatten before it)");
    std::vector<std::string> inputs{
        input, graph.add_constant("kernel", transposed_matrix(kernel_param_.value))};
    if (use_bias_) inputs.push_back(graph.add_constant("bias", bias_param_.value));
    return onnx_activation(graph, activation_,
                           graph.add_node("Gemm", inputs, {{"transB", int64_t{1}}}));
  }

 private:
  // Every leading axis (batch included) is a row.
  DenseShape shape_of(const Tensor& in) const {
    return {static_cast<int64_t>(in.size()) / in_features_, in_features_, units_};
  }

  int64_t units_;
  Activation activation_;
  bool use_bias_;
  int64_t in_features_ = 0;
  Shape input_, output_;
  Parameter kernel_param_, bias_param_;
  Tensor grad_z_;  // dL/d(pre-activation), reused batch after batch
  Tensor pre_;     // gelu and swish: the pre-activation, kept for backward
};

}  // namespace

LayerType dense_type() { return layer_type<Dense>(); }

}  // namespace cnnlab::layers
