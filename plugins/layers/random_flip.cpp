// random_flip: Keras' RandomFlip. In training each image is flipped left-right and/or
// top-bottom, each with probability 1/2, as `mode` allows (horizontal, vertical or
// horizontal_and_vertical, Keras' default).
#include "augmentation_support.hpp"

namespace cnnlab::layers {
namespace {

class RandomFlip final : public GeometricAugmentation {
 public:
  explicit RandomFlip(const Config& cfg)
      : GeometricAugmentation({}),
        mode_(cfg.get_choice("mode", {"horizontal", "vertical", "horizontal_and_vertical"},
                             std::string("horizontal_and_vertical"))) {}

  static constexpr const char* kType = "random_flip";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "RandomFlip"; }
  std::string keras_name() const override { return "random_flip"; }

 private:
  AffineMap random_map(uint64_t seed, int64_t n) const override {
    AffineMap m;
    if (mode_ != "vertical" && augment_draw(seed, n, 0) < 0.5f) {
      m.xx = -1;
      m.x0 = static_cast<float>(input()[1] - 1);
    }
    if (mode_ != "horizontal" && augment_draw(seed, n, 1) < 0.5f) {
      m.yy = -1;
      m.y0 = static_cast<float>(input()[0] - 1);
    }
    return m;
  }

  std::string mode_;
};

}  // namespace

LayerType random_flip_type() { return layer_type<RandomFlip>(); }

}  // namespace cnnlab::layers
