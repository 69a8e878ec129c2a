// dropout: Keras' Dropout. In training each element is kept with probability 1 - rate and
// scaled by 1 / (1 - rate) (inverted dropout); in inference it passes its input through.
#include <algorithm>

#include "layer_support.hpp"

namespace cnnlab::layers {
namespace {

class Dropout final : public Layer {
 public:
  explicit Dropout(const Config& cfg) : rate_(cfg.get_double("rate")) {
    if (!(rate_ >= 0.0 && rate_ < 1.0))
      cfg.fail("rate", "must be in [0, 1), got " + cfg.get_string("rate"));
  }

  static constexpr const char* kType = "dropout";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "Dropout"; }
  std::string keras_name() const override { return "dropout"; }

  Shape build(const Shape& input, Rng&) override {
    input_ = input;
    return input;
  }

  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override {
    checked_batch(in, input_, type());
    out.resize(in.dims());
    masked_ = ctx.training && rate_ > 0.0;
    seed_ = ctx.seed;
    if (masked_)
      dropout_forward(static_cast<int64_t>(in.size()), static_cast<float>(rate_), seed_, in.data(),
                      out.data());
    else
      std::copy(in.data(), in.data() + in.size(), out.data());
  }

  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    if (!grad_in) return;
    grad_in->resize(in.dims());
    if (masked_)
      dropout_backward(static_cast<int64_t>(in.size()), static_cast<float>(rate_), seed_,
                       grad_out.data(), grad_in->data());
    else
      std::copy(grad_out.data(), grad_out.data() + in.size(), grad_in->data());
  }

  // Dropout is the identity at inference.
  std::optional<std::string> export_onnx(OnnxBuilder&, const std::string& input) const override {
    return input;
  }

 private:
  double rate_;
  Shape input_;
  // The last forward's mask, recomputed from its seed by backward.
  bool masked_ = false;
  uint64_t seed_ = 0;
};

}  // namespace

LayerType dropout_type() { return layer_type<Dropout>(); }

}  // namespace cnnlab::layers
