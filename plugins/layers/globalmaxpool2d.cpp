// globalmaxpool2d: Keras' GlobalMaxPooling2D, the maximum of each channel over the image.
#include <vector>

#include "global_pooling_layer.hpp"

namespace cnnlab::layers {
namespace {

class GlobalMaxPool2d final : public GlobalPooling2d {
 public:
  using GlobalPooling2d::GlobalPooling2d;

  static constexpr const char* kType = "globalmaxpool2d";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "GlobalMaxPooling2D"; }
  std::string keras_name() const override { return "global_max_pooling2d"; }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    const GlobalPoolShape s = shape_of(in);
    out.resize({s.batch, s.channels});
    argmax_.resize(static_cast<size_t>(s.batch * s.channels));
    global_maxpool_forward(s, in.data(), out.data(), argmax_.data());
  }

  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    if (!grad_in) return;
    grad_in->resize(in.dims());
    global_maxpool_backward(shape_of(in), argmax_.data(), grad_out.data(), grad_in->data());
  }

 private:
  std::string onnx_op() const override { return "GlobalMaxPool"; }

  std::vector<int32_t> argmax_;  // the last forward's, for backward
};

}  // namespace

LayerType globalmaxpool2d_type() { return layer_type<GlobalMaxPool2d>(); }

}  // namespace cnnlab::layers
