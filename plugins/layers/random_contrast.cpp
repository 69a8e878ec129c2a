// random_contrast: Keras' RandomContrast. In training each image's contrast factor is drawn
// from [1 - lower, 1 + upper] (`factor`: f means lower = upper = f) and every channel becomes
// (x - mean) * factor + mean, clipped to value_range.
#include "colour_augmentation.hpp"

namespace cnnlab::layers {
namespace {

std::pair<float, float> contrast_range(const Config& cfg) {
  const std::vector<float> f = read_numbers(cfg, "factor");
  const float lower = f[0], upper = f.size() == 2 ? f[1] : f[0];
  if (lower < 0 || upper < 0 || lower > 1)
    cfg.fail("factor", "must be in [0, 1] (or a pair of such): factors in [1 - lower, 1 + upper]");
  return {1 - lower, 1 + upper};
}

class RandomContrast final : public ColourAugmentation {
 public:
  explicit RandomContrast(const Config& cfg) : ColourAugmentation(cfg, contrast_range(cfg)) {}

  static constexpr const char* kType = "random_contrast";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "RandomContrast"; }
  std::string keras_name() const override { return "random_contrast"; }

 private:
  void apply(const ColourShape& s, const float* draws, const float* x, float* y) const override {
    contrast_forward(s, draws, x, y);
  }
  void apply_backward(const ColourShape& s, const float* draws, const float* y, const float* dy,
                      float* dx) const override {
    contrast_backward(s, draws, y, dy, dx);
  }
};

}  // namespace

LayerType random_contrast_type() { return layer_type<RandomContrast>(); }

}  // namespace cnnlab::layers
