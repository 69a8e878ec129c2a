// random_translation: Keras' RandomTranslation. In training each image moves down by a
// fraction of its height drawn from height_factor and right by one of its width from
// width_factor (negative: up, left); uncovered pixels follow fill_mode.
#include "augmentation_support.hpp"

namespace cnnlab::layers {
namespace {

class RandomTranslation final : public GeometricAugmentation {
 public:
  explicit RandomTranslation(const Config& cfg)
      : GeometricAugmentation(read_warp_options(cfg)),
        height_(*read_factor(cfg, "height_factor", true)),
        width_(*read_factor(cfg, "width_factor", true)) {}

  static constexpr const char* kType = "random_translation";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "RandomTranslation"; }
  std::string keras_name() const override { return "random_translation"; }

 private:
  AffineMap random_map(uint64_t seed, int64_t n) const override {
    AffineMap m;
    m.y0 = -augment_uniform(seed, n, 0, height_) * static_cast<float>(input()[0]);
    m.x0 = -augment_uniform(seed, n, 1, width_) * static_cast<float>(input()[1]);
    return m;
  }

  std::pair<float, float> height_, width_;
};

}  // namespace

LayerType random_translation_type() { return layer_type<RandomTranslation>(); }

}  // namespace cnnlab::layers
