// flatten: Keras' Flatten, each sample to one axis (NHWC order, as Keras).
#include <cstring>

#include "layer_support.hpp"

namespace cnnlab::layers {
namespace {

class Flatten final : public Layer {
 public:
  explicit Flatten(const Config&) {}

  static constexpr const char* kType = "flatten";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "Flatten"; }
  std::string keras_name() const override { return "flatten"; }

  Shape build(const Shape& input, Rng&) override {
    input_ = input;
    features_ = shape_size(input);
    return {features_};
  }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    out.resize({checked_batch(in, input_, type()), features_});
    if (in.size()) std::memcpy(out.data(), in.data(), in.size() * sizeof(float));
  }

  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    if (!grad_in) return;
    grad_in->resize(in.dims());
    if (in.size()) std::memcpy(grad_in->data(), grad_out.data(), in.size() * sizeof(float));
  }

  // cnnlab's flatten keeps NHWC order (the next dense's kernel rows follow it), so an NCHW
  // image goes back to NHWC first.
  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    std::string x = input;
    if (input_.size() == 3)
      x = graph.add_node("Transpose", {x}, {{"perm", std::vector<int64_t>{0, 2, 3, 1}}});
    return graph.add_node("Flatten", {x}, {{"axis", int64_t{1}}});
  }

 private:
  Shape input_;
  int64_t features_ = 0;
};

}  // namespace

LayerType flatten_type() { return layer_type<Flatten>(); }

}  // namespace cnnlab::layers
