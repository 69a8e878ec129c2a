// activation: Keras' Activation layer, an element-wise function (softmax over the last axis).
#include <algorithm>

#include "layer_support.hpp"
#include "onnx_support.hpp"

namespace cnnlab::layers {
namespace {

class ActivationLayer final : public Layer {
 public:
  explicit ActivationLayer(const Config& cfg) : activation_(read_activation(cfg, true)) {}

  static constexpr const char* kType = "activation";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "Activation"; }
  std::string keras_name() const override { return "activation"; }

  Shape build(const Shape& input, Rng&) override {
    input_ = input;
    return input;
  }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    checked_batch(in, input_, type());
    out.resize(in.dims());
    activation_forward(activation_, rows_of(in), cols(), in.data(), out.data());
  }

  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override {
    if (!grad_in) return;
    grad_in->resize(in.dims());
    if (activation_needs_input(activation_))
      activation_backward_from_input(activation_, static_cast<int64_t>(in.size()), in.data(),
                                     grad_out.data(), grad_in->data());
    else
      activation_backward(activation_, rows_of(in), cols(), out.data(), grad_out.data(),
                          grad_in->data());
  }

  bool defer_softmax() override {
    if (activation_ != Activation::softmax) return false;
    activation_ = Activation::linear;
    return true;
  }

  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    return onnx_activation(graph, activation_, input);
  }

 private:
  // Softmax works along the last axis; the element-wise functions do not mind.
  int64_t cols() const { return input_.empty() ? 1 : std::max<int64_t>(input_.back(), 1); }
  int64_t rows_of(const Tensor& in) const { return static_cast<int64_t>(in.size()) / cols(); }

  Activation activation_;
  Shape input_;
};

}  // namespace

LayerType activation_type() { return layer_type<ActivationLayer>(); }

}  // namespace cnnlab::layers
