// dropout: Keras' Dropout. In training each element is kept with probability 1 - rate and
// scaled by 1 / (1 - rate) (inverted dropout); in inference it passes its input through.
#include "layer_support.hpp"

namespace cnnlab::layers {
namespace {

class Dropout final : public Layer {
 public:
  explicit Dropout(const Config& cfg) : rate_(cfg.get_double("rate")) {
    if (!(rate_ >= 0.0 && rate_ < 1.0))
      cfg.fail("rate", "must be in [0, 1), got " + cfg.get_string("rate"));
  }

  std::string type() const override { return "dropout"; }
  std::string keras_class() const override { return "Dropout"; }
  std::string keras_name() const override { return "dropout"; }

  Shape build(const Shape& input, Rng&) override { return input; }

  void forward(const Tensor&, Tensor&, const StepContext&) override {
    math_not_available(type());
  }
  void backward(const Tensor&, const Tensor&, const Tensor&, Tensor*) override {
    math_not_available(type());
  }

 private:
  double rate_;
};

}  // namespace

LayerType dropout_type() {
  return {"dropout", [](const Config& cfg) { return std::make_unique<Dropout>(cfg); }};
}

}  // namespace cnnlab::layers
