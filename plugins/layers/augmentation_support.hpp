#pragma once
// What the augmentation layers share. They are Keras' preprocessing layers: active in training
// only, the identity at inference and in an exported model. Each image of a batch draws its own
// transform from hash64(step seed, image, draw), a counter-based stream like dropout's, so the
// result does not depend on threads; images are transformed in parallel.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/onnx_builder.hpp"
#include "layer_support.hpp"

namespace cnnlab::layers {

LayerType random_flip_type();
LayerType random_translation_type();
LayerType random_rotation_type();
LayerType random_zoom_type();
LayerType random_crop_type();
LayerType random_contrast_type();
LayerType random_brightness_type();

// Draw k (0, 1, ...) of image n in the step with this seed: uniform in [0, 1).
float augment_draw(uint64_t step_seed, int64_t image, uint64_t k);
// lo + (hi - lo) * augment_draw(...).
float augment_uniform(uint64_t step_seed, int64_t image, uint64_t k, std::pair<float, float> range);

// A number or a pair of numbers.
std::vector<float> read_numbers(const Config& cfg, const std::string& key);
// Keras' factor keys: a number f >= 0 meaning [-f, f] (or [1 - f, 1 + f] and such, as the
// layer says), or a pair [lower, upper] with lower <= upper. nullopt when absent and no fallback.
std::optional<std::pair<float, float>> read_factor(const Config& cfg, const std::string& key,
                                                   bool required);
// fill_mode (`fallback`), interpolation (bilinear), fill_value (0).
WarpOptions read_warp_options(const Config& cfg, FillMode fallback = FillMode::reflect);
// value_range [low, high], default [0, 1]: cnnlab's inputs are byte / scale.
std::pair<float, float> read_value_range(const Config& cfg);

// The base of the geometric ones: each image is resampled through an affine map.
class GeometricAugmentation : public Layer {
 public:
  explicit GeometricAugmentation(WarpOptions options) : options_(options) {}

  Shape build(const Shape& input, Rng&) override;
  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override;
  std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                         const std::string& input) const override;

 protected:
  // The output image size for an input (h, w): the input's unless cropping.
  virtual std::pair<int64_t, int64_t> output_size(int64_t h, int64_t w) const { return {h, w}; }
  // Image n's map in training.
  virtual AffineMap random_map(uint64_t step_seed, int64_t n) const = 0;
  // The map at inference; nullopt: the identity (the input is passed through).
  virtual std::optional<AffineMap> inference_map() const { return std::nullopt; }

  WarpShape shape_of(const Tensor& in) const;
  const Shape& input() const { return input_; }

 private:
  WarpOptions options_;
  Shape input_, output_;
  std::vector<AffineMap> maps_;  // the last forward's, for backward
  bool warped_ = false;
};

}  // namespace cnnlab::layers
