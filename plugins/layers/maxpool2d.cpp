// maxpool2d: Keras' MaxPooling2D, the largest value of each window.
#include "onnx_support.hpp"
#include "pooling_layer.hpp"

namespace cnnlab::layers {
namespace {

class MaxPool2d final : public Pooling2d {
 public:
  using Pooling2d::Pooling2d;

  static constexpr const char* kType = "maxpool2d";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "MaxPooling2D"; }
  std::string keras_name() const override { return "max_pooling2d"; }

  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override {
    const Pool2dShape s = shape_of(in);
    out.resize(output_dims(s));
    if (ctx.training) argmax_.resize(out.size());
    maxpool2d_forward(s, in.data(), out.data(), ctx.training ? argmax_.data() : nullptr);
  }

  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    if (!grad_in) return;
    if (argmax_.size() != grad_out.size())
      throw Error("maxpool2d: backward needs a training forward of the same batch first");
    grad_in->resize(in.dims());
    maxpool2d_backward(shape_of(in), argmax_.data(), grad_out.data(), grad_in->data());
  }

  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    return graph.add_node("MaxPool", {input}, onnx_window(window_));
  }

 private:
  std::vector<int32_t> argmax_;  // of the last training forward, where gradients go
};

}  // namespace

LayerType maxpool2d_type() { return layer_type<MaxPool2d>(); }

}  // namespace cnnlab::layers
