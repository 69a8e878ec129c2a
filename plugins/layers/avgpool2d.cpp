// avgpool2d: Keras' AveragePooling2D, the mean of each window (padding excluded from the count,
// like TensorFlow).
#include "onnx_support.hpp"
#include "pooling_layer.hpp"

namespace cnnlab::layers {
namespace {

class AvgPool2d final : public Pooling2d {
 public:
  using Pooling2d::Pooling2d;

  static constexpr const char* kType = "avgpool2d";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "AveragePooling2D"; }
  std::string keras_name() const override { return "average_pooling2d"; }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    const Pool2dShape s = shape_of(in);
    out.resize(output_dims(s));
    avgpool2d_forward(s, in.data(), out.data());
  }

  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    if (!grad_in) return;
    grad_in->resize(in.dims());
    avgpool2d_backward(shape_of(in), grad_out.data(), grad_in->data());
  }

  // ONNX's count_include_pad defaults to 0: padding excluded from the count, as here.
  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    return graph.add_node("AveragePool", {input}, onnx_window(window_));
  }
};

}  // namespace

LayerType avgpool2d_type() { return layer_type<AvgPool2d>(); }

}  // namespace cnnlab::layers
