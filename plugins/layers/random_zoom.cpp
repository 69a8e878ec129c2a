// random_zoom: Keras' RandomZoom. In training each image is scaled about its centre: the
// sampled span is 1 + u times the image, u drawn from height_factor (and width_factor, else
// the same u keeps the aspect), so positive values zoom out, negative ones in.
#include "augmentation_support.hpp"

namespace cnnlab::layers {
namespace {

class RandomZoom final : public GeometricAugmentation {
 public:
  explicit RandomZoom(const Config& cfg)
      : GeometricAugmentation(read_warp_options(cfg)),
        height_(*read_factor(cfg, "height_factor", true)),
        width_(read_factor(cfg, "width_factor", false)) {}

  static constexpr const char* kType = "random_zoom";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "RandomZoom"; }
  std::string keras_name() const override { return "random_zoom"; }

 private:
  AffineMap random_map(uint64_t seed, int64_t n) const override {
    const float zy = 1 + augment_uniform(seed, n, 0, height_);
    const float zx = width_ ? 1 + augment_uniform(seed, n, 1, *width_) : zy;
    const float cy = static_cast<float>(input()[0] - 1) / 2;
    const float cx = static_cast<float>(input()[1] - 1) / 2;
    AffineMap m;
    m.yy = zy;
    m.y0 = cy * (1 - zy);
    m.xx = zx;
    m.x0 = cx * (1 - zx);
    return m;
  }

  std::pair<float, float> height_;
  std::optional<std::pair<float, float>> width_;
};

}  // namespace

LayerType random_zoom_type() { return layer_type<RandomZoom>(); }

}  // namespace cnnlab::layers
