// random_crop: Keras' RandomCrop(height, width) plus `padding`, the CIFAR recipe: the image is
// padded by `padding` pixels on every side (fill_mode, default constant 0) and a window of
// height x width is cut at a random place in training, at the centre at inference (so with
// the input's own size it is the identity at inference).
#include "augmentation_support.hpp"
#include "cnnlab/error.hpp"

namespace cnnlab::layers {
namespace {

WarpOptions crop_options(const Config& cfg) {
  WarpOptions o;
  const WarpOptions read = read_warp_options(cfg, FillMode::constant);
  o.fill_mode = read.fill_mode;
  o.fill_value = read.fill_value;
  o.interpolation = Interpolation::nearest;  // whole-pixel offsets
  return o;
}

class RandomCrop final : public GeometricAugmentation {
 public:
  explicit RandomCrop(const Config& cfg)
      : GeometricAugmentation(crop_options(cfg)),
        height_(read_positive_int(cfg, "height")),
        width_(read_positive_int(cfg, "width")),
        padding_(cfg.get_int("padding", 0)) {
    if (padding_ < 0) cfg.fail("padding", "must be at least 0, got " + std::to_string(padding_));
  }

  static constexpr const char* kType = "random_crop";
  std::string type() const override { return kType; }
  std::string keras_class() const override { return "RandomCrop"; }
  std::string keras_name() const override { return "random_crop"; }

  // The centre crop of inference as a Slice of the NCHW image; a window that reaches into the
  // padding would need the fill mode as well and has no ONNX form here.
  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override {
    const int64_t top = spare_rows() / 2 - padding_, left = spare_cols() / 2 - padding_;
    if (top < 0 || left < 0) return std::nullopt;
    return graph.add_node("Slice",
                          {input, graph.add_int64_constant("starts", {top, left}),
                           graph.add_int64_constant("ends", {top + height_, left + width_}),
                           graph.add_int64_constant("axes", {2, 3})});
  }

 private:
  std::pair<int64_t, int64_t> output_size(int64_t h, int64_t w) const override {
    if (height_ > h + 2 * padding_ || width_ > w + 2 * padding_)
      throw ShapeError("random_crop: " + std::to_string(height_) + "x" + std::to_string(width_) +
                       " does not fit the padded input " + std::to_string(h + 2 * padding_) + "x" +
                       std::to_string(w + 2 * padding_));
    return {height_, width_};
  }

  int64_t spare_rows() const { return input()[0] + 2 * padding_ - height_; }
  int64_t spare_cols() const { return input()[1] + 2 * padding_ - width_; }

  AffineMap offset_map(int64_t top, int64_t left) const {
    AffineMap m;
    m.y0 = static_cast<float>(top - padding_);
    m.x0 = static_cast<float>(left - padding_);
    return m;
  }

  AffineMap random_map(uint64_t seed, int64_t n) const override {
    const auto pick = [&](uint64_t k, int64_t spare) {
      return std::min(
          spare, static_cast<int64_t>(augment_draw(seed, n, k) * static_cast<float>(spare + 1)));
    };
    return offset_map(pick(0, spare_rows()), pick(1, spare_cols()));
  }

  std::optional<AffineMap> inference_map() const override {
    if (height_ == input()[0] && width_ == input()[1]) return std::nullopt;
    return offset_map(spare_rows() / 2, spare_cols() / 2);
  }

  int64_t height_, width_, padding_;
};

}  // namespace

LayerType random_crop_type() { return layer_type<RandomCrop>(); }

}  // namespace cnnlab::layers
