// globalavgpool2d: Keras' GlobalAveragePooling2D, the mean of each channel over the image.
#include "global_pooling_layer.hpp"

namespace cnnlab::layers {
namespace {

class GlobalAvgPool2d final : public GlobalPooling2d {
 public:
  using GlobalPooling2d::GlobalPooling2d;

  static constexpr const char* kType = "globalavgpool2d";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "GlobalAveragePooling2D"; }
  std::string keras_name() const override { return "global_average_pooling2d"; }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    const GlobalPoolShape s = shape_of(in);
    out.resize({s.batch, s.channels});
    global_avgpool_forward(s, in.data(), out.data());
  }

  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    if (!grad_in) return;
    grad_in->resize(in.dims());
    global_avgpool_backward(shape_of(in), grad_out.data(), grad_in->data());
  }

 private:
  std::string onnx_op() const override { return "GlobalAveragePool"; }
};

}  // namespace

LayerType globalavgpool2d_type() { return layer_type<GlobalAvgPool2d>(); }

}  // namespace cnnlab::layers
