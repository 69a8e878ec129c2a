// random_rotation: Keras' RandomRotation. In training each image turns about its centre by
// factor * 2 pi radians, factor drawn from `factor`; uncovered pixels follow fill_mode.
#include <cmath>

#include "augmentation_support.hpp"

namespace cnnlab::layers {
namespace {

class RandomRotation final : public GeometricAugmentation {
 public:
  explicit RandomRotation(const Config& cfg)
      : GeometricAugmentation(read_warp_options(cfg)), factor_(*read_factor(cfg, "factor", true)) {}

  static constexpr const char* kType = "random_rotation";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "RandomRotation"; }
  std::string keras_name() const override { return "random_rotation"; }

 private:
  // Keras' get_rotation_matrix: in - centre = [[cos, -sin], [sin, cos]] (out - centre) in
  // (x, y) order, so the centre stays put.
  AffineMap random_map(uint64_t seed, int64_t n) const override {
    const float angle = augment_uniform(seed, n, 0, factor_) * 6.28318530717958648f;
    const float c = std::cos(angle), s = std::sin(angle);
    const float cy = static_cast<float>(input()[0] - 1) / 2;
    const float cx = static_cast<float>(input()[1] - 1) / 2;
    AffineMap m;
    m.xx = c;
    m.xy = -s;
    m.x0 = cx - c * cx + s * cy;
    m.yx = s;
    m.yy = c;
    m.y0 = cy - s * cx - c * cy;
    return m;
  }

  std::pair<float, float> factor_;
};

}  // namespace

LayerType random_rotation_type() { return layer_type<RandomRotation>(); }

}  // namespace cnnlab::layers
