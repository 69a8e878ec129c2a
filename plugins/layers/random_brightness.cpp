// random_brightness: Keras' RandomBrightness. In training each image is shifted by
// u * (high - low) of value_range, u drawn from `factor` (f means [-f, f]; values in [-1, 1]),
// and clipped to value_range.
#include "colour_augmentation.hpp"

namespace cnnlab::layers {
namespace {

std::pair<float, float> brightness_range(const Config& cfg) {
  const std::pair<float, float> f = *read_factor(cfg, "factor", true);
  if (f.first < -1 || f.second > 1) cfg.fail("factor", "must lie in [-1, 1]");
  return f;
}

class RandomBrightness final : public ColourAugmentation {
 public:
  explicit RandomBrightness(const Config& cfg) : ColourAugmentation(cfg, brightness_range(cfg)) {}

  static constexpr const char* kType = "random_brightness";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "RandomBrightness"; }
  std::string keras_name() const override { return "random_brightness"; }

 private:
  void apply(const ColourShape& s, const float* draws, const float* x, float* y) const override {
    std::vector<float> delta(draws, draws + s.batch);
    for (float& d : delta) d *= value_span();
    brightness_forward(s, delta.data(), x, y);
  }
  void apply_backward(const ColourShape& s, const float*, const float* y, const float* dy,
                      float* dx) const override {
    brightness_backward(s, y, dy, dx);
  }
};

}  // namespace

LayerType random_brightness_type() { return layer_type<RandomBrightness>(); }

}  // namespace cnnlab::layers
